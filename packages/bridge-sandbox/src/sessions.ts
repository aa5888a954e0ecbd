/**
 * Connect sessions: created by `POST /v3/aggregation/connect-sessions` or the v2 `/connect/items/*` calls, then
 * walked through the hosted funnel (or completed by the control API). Single use, valid sessionTtlSeconds.
 */
import { randomInt, randomUUID } from 'node:crypto';

import { findProvider, PROVIDERS } from './catalog.js';
import type { SandboxClock } from './clock.js';
import { SCA_VALIDITY_MS } from './context.js';
import { errors } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { ConnectSession, FunnelStep, SandboxItem, SandboxStore, SandboxUser } from './store.js';

const DAY_MS = 86_400_000;
/** Bridge allows 4 item-management flows per item per rolling 24 h. */
export const MANAGEMENT_SESSIONS_PER_DAY = 4;

/** A session to open: its user and item themselves, and the session's own fields. */
export interface NewSession extends Pick<
  ConnectSession,
  | 'clientId'
  | 'version'
  | 'countryCode'
  | 'userEmail'
  | 'callbackUrl'
  | 'context'
  | 'accountTypes'
  | 'providerId'
  | 'purpose'
> {
  user: SandboxUser;
  item: SandboxItem | null;
}

export type SessionLookup =
  { ok: true; session: ConnectSession } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export interface SessionOutcome {
  redirectUrl: string | null;
  itemId: number | null;
  userUuid: string;
}

export class ConnectSessions {
  constructor(
    private readonly store: SandboxStore,
    private readonly clock: SandboxClock,
    private readonly options: ResolvedOptions,
  ) {}

  create(spec: NewSession): ConnectSession {
    if (spec.item) this.registerManagement(spec.item);
    const id = randomUUID();
    const session: ConnectSession = {
      id,
      clientId: spec.clientId,
      userUuid: spec.user.uuid,
      version: spec.version,
      countryCode: spec.countryCode,
      userEmail: spec.userEmail,
      callbackUrl: spec.callbackUrl,
      context: spec.context,
      accountTypes: spec.accountTypes,
      providerId: spec.item ? spec.item.providerId : spec.providerId,
      itemId: spec.item?.id ?? null,
      purpose: spec.purpose,
      expiresAt: this.clock.nowMs() + this.options.quirks.sessionTtlSeconds * 1000,
      done: false,
      chosenProviderId: null,
      scaCode: null,
    };
    this.store.sessions.set(id, session);
    return session;
  }

  /** More than 4 management sessions for one item within 24 h → 429. */
  private registerManagement(item: SandboxItem): void {
    const now = this.clock.nowMs();
    item.managementSessions = item.managementSessions.filter((at) => at > now - DAY_MS);
    if (item.managementSessions.length >= MANAGEMENT_SESSIONS_PER_DAY) {
      throw errors.tooManyRequests(`At most ${MANAGEMENT_SESSIONS_PER_DAY} connect sessions per item within 24 hours`);
    }
    item.managementSessions.push(now);
  }

  lookup(id: string): SessionLookup {
    const session = this.store.sessions.get(id);
    if (!session) return { ok: false, reason: 'unknown' };
    if (session.done) return { ok: false, reason: 'used' };
    if (session.expiresAt <= this.clock.nowMs()) return { ok: false, reason: 'expired' };
    return { ok: true, session };
  }

  /** Bank the funnel is working on: the managed item's, the preselected one, or the one the user picked. */
  providerOf(session: ConnectSession): number | null {
    return session.providerId ?? session.chosenProviderId;
  }

  credentialsStep(session: ConnectSession): FunnelStep {
    return session.purpose === 'edit' ? 'edit_bank_creds_form' : 'bank_creds_form';
  }

  /** Step the user is at, for `step=` on cancellation. */
  currentStep(session: ConnectSession): FunnelStep {
    if (session.scaCode) return 'otp_form';
    return this.providerOf(session) !== null ? this.credentialsStep(session) : 'list_banks';
  }

  /**
   * Data of a user is generated from a stable key: the legacy e-mail, else the external user id, else the session's
   * e-mail, else the uuid. POST /__sandbox/preview-accounts takes the same key.
   */
  userKeyOf(session: ConnectSession, user: SandboxUser): string {
    return user.email ?? user.externalUserId ?? session.userEmail ?? user.uuid;
  }

  /** The user got through: a new item with generated data, or the managed item back to OK for 180 days. */
  complete(session: ConnectSession, providerId: number | null): SessionOutcome {
    const user = this.store.users.get(session.userUuid);
    if (!user) throw new Error('The user of this session no longer exists');
    let itemId: number;
    if (session.itemId !== null) {
      const item = this.store.items.get(session.itemId);
      if (!item) throw new Error('The item of this session no longer exists');
      const now = this.store.stamp();
      item.status = 0;
      item.statusCodeInfo = null;
      item.authenticationExpiresAt = now + SCA_VALIDITY_MS;
      for (const account of this.store.accountsOfItem(item.id)) account.updatedAt = now;
      itemId = item.id;
    } else {
      const chosen = providerId ?? this.providerOf(session) ?? this.defaultProvider(session.countryCode);
      if (!findProvider(chosen)) throw new Error(`Unknown provider ${chosen}`);
      itemId = this.store.createItem(
        user,
        this.userKeyOf(session, user),
        chosen,
        session.accountTypes,
        SCA_VALIDITY_MS,
      ).id;
    }
    session.done = true;
    return {
      redirectUrl: this.callback(session, [
        ['item_id', String(itemId)],
        ['success', 'true'],
      ]),
      itemId,
      userUuid: user.uuid,
    };
  }

  /** The user gave up ("Annuler"): back to the callback with success=false and the step. */
  cancel(session: ConnectSession, step: FunnelStep): SessionOutcome {
    session.done = true;
    const params: [string, string][] = [];
    if (session.itemId !== null) params.push(['item_id', String(session.itemId)]);
    params.push(['success', 'false'], ['step', step]);
    return { redirectUrl: this.callback(session, params), itemId: session.itemId, userUuid: session.userUuid };
  }

  private defaultProvider(countryCode: string): number {
    return (PROVIDERS.find((provider) => provider.countryCode === countryCode) ?? PROVIDERS[0]!).id;
  }

  /** Callback + `user_uuid, item_id, success, step, source=connect, context`, keeping the callback's own query. */
  private callback(session: ConnectSession, params: [string, string][]): string | null {
    if (!session.callbackUrl) return null;
    const url = new URL(session.callbackUrl);
    url.searchParams.append('user_uuid', session.userUuid);
    for (const [name, value] of params) url.searchParams.append(name, value);
    url.searchParams.append('source', 'connect');
    if (session.context) url.searchParams.append('context', session.context);
    return url.toString();
  }

  newScaCode(session: ConnectSession): string {
    session.scaCode = String(randomInt(100_000, 1_000_000));
    return session.scaCode;
  }
}
