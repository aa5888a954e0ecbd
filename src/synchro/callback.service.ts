import { Injectable, Logger } from '@nestjs/common';

import { AccessScope } from '../auth/access-scope.js';
import { BridgeConfigsService } from '../bridge-config/bridge-configs.service.js';
import { BridgeClient } from '../bridge/bridge.client.js';
import { BridgeError } from '../bridge/bridge.errors.js';
import type { BridgeItem } from '../bridge/bridge.types.js';
import { DomainError } from '../common/errors/domain-errors.js';
import { frenchMessage } from '../common/errors/error-codes.js';
import { AppConfig } from '../config/app-config.js';
import { ConnectionLogService } from '../connection-log/connection-log.service.js';
import { StatementsService } from '../statements/statements.service.js';
import { callbackPage, isFunnelStep, type CallbackNotice, type CallbackSynchro } from './callback-page.js';
import type { FunnelContext } from './funnel-context.entity.js';
import { FunnelContexts } from './funnel-contexts.service.js';
import { SynchroService } from './synchro.service.js';

/** The query Bridge appends to the callback URL, as the browser sends it: anything, repeated or not. */
export type BridgeCallbackQuery = Record<string, unknown>;

export interface CallbackAnswer {
  status: number;
  html: string;
}

/**
 * Bridge sends the user's browser back here after the funnel. The query is the caller's to choose: only the signed
 * context is trusted (once), and only what Bridge itself confirms about the item is recorded.
 */
@Injectable()
export class CallbackService {
  private readonly logger = new Logger(CallbackService.name);

  constructor(
    private readonly contexts: FunnelContexts,
    private readonly statements: StatementsService,
    private readonly configs: BridgeConfigsService,
    private readonly bridge: BridgeClient,
    private readonly connectionLog: ConnectionLogService,
    private readonly config: AppConfig,
    private readonly synchro: SynchroService,
  ) {}

  async handle(query: BridgeCallbackQuery, ip: string | null): Promise<CallbackAnswer> {
    const claimedSuccess = single(query, 'success') === 'true';
    const step = stepOf(query);
    const lookup = await this.contexts.find(single(query, 'context'));
    if (lookup.kind !== 'valid') {
      // Forged, expired or replayed: nothing is written; the page still tells the user what to do.
      const notice: Record<typeof lookup.kind, CallbackNotice> = {
        forged: 'unrecognised',
        expired: 'expired',
        used: 'used',
      };
      return this.page(lookup.kind === 'forged' ? 400 : 410, {
        success: false,
        step,
        statementName: null,
        returnUrl: null,
        notice: notice[lookup.kind],
      });
    }
    const origin = lookup.context;

    let items: BridgeItem[];
    try {
      items = await this.itemsOf(origin);
    } catch (error) {
      if (!(error instanceof BridgeError || error instanceof DomainError)) throw error;
      // The context stays unused: reloading the page later records the outcome.
      this.logger.warn(
        `Callback for statement ${origin.statementId} could not be checked with Bridge: ${error.message}`,
      );
      return this.page(503, { success: false, step, statementName: null, returnUrl: null, notice: 'unconfirmed' });
    }
    if (!(await this.contexts.consume(origin))) {
      return this.page(410, { success: false, step, statementName: null, returnUrl: null, notice: 'used' });
    }

    const claimedItemId = itemIdOf(query);
    const item = claimedItemId !== null ? items.find((candidate) => candidate.id === claimedItemId) : undefined;
    const success = claimedSuccess && item !== undefined;
    const message = success
      ? `Parcours terminé pour le relevé ${origin.statementId} : Bridge confirme la connexion ${item.id} (statut ${item.status}).`
      : claimedSuccess
        ? `Le parcours est revenu en succès pour le relevé ${origin.statementId}, mais Bridge ne connaît aucune connexion ${claimedItemId ?? '(aucune indiquée)'} pour cet utilisateur : rien n’a été connecté.`
        : `Parcours arrêté à l’étape ${step ?? 'inconnue'} pour le relevé ${origin.statementId}.`;
    await this.connectionLog.record({
      companyId: origin.companyId,
      bridgeConfigId: origin.bridgeConfigId,
      userId: origin.userId,
      email: origin.email,
      bridgeUserUuid: origin.bridgeUserUuid,
      action: success ? 'callback_success' : 'callback_failure',
      itemId: item?.id ?? null,
      bankId: item?.providerId ?? null,
      result: success ? 'success' : 'failure',
      message,
      ip,
    });
    // docs/rules.md#callback-synchro: the bank is connected, so the Synchro of that statement runs at once.
    const synchro = success ? await this.synchroAfter(origin, ip) : null;
    const statement = await this.statements.getEntity(origin.statementId, AccessScope.editor()).catch(() => null);
    const returnUrl = this.config.statementReturnUrl.replace('{statementId}', String(origin.statementId));
    return this.page(200, {
      success,
      step: success ? null : step,
      statementName: statement?.name ?? null,
      returnUrl,
      notice: claimedSuccess && !success ? 'unconfirmed-item' : null,
      synchro,
    });
  }

  /** The Synchro action's own path, for the user and statement that opened the funnel (their company's, signed). */
  private async synchroAfter(origin: FunnelContext, ip: string | null): Promise<CallbackSynchro> {
    try {
      const result = await this.synchro.sync(
        origin.statementId,
        origin.userId,
        AccessScope.companies([origin.companyId]),
        ip,
      );
      switch (result.status) {
        case 'synced':
          return { outcome: 'synced', imported: result.imported };
        case 'account_choice_required':
          return { outcome: 'account_choice_required', accounts: result.accounts.length, message: result.message };
        case 'reauth_required':
          return { outcome: 'reauth_required', message: result.message };
        case 'connect_required':
          return {
            outcome: 'connect_required',
            message: 'la banque connectée ne porte aucun compte pour ce journal ; connectez la bonne banque.',
          };
      }
    } catch (error) {
      if (!(error instanceof BridgeError || error instanceof DomainError)) throw error;
      this.logger.warn(`Synchro after the callback of statement ${origin.statementId} failed: ${error.message}`);
      return { outcome: 'failed', message: frenchMessage(error.code, error.params) };
    }
  }

  /** The items of the Bridge user who opened the funnel, as Bridge lists them now. */
  private async itemsOf(origin: FunnelContext): Promise<BridgeItem[]> {
    const config = await this.configs.get(origin.bridgeConfigId, AccessScope.editor());
    return this.bridge.listItems(this.configs.connectionOf(config, origin.companyId), {
      uuid: origin.bridgeUserUuid,
      email: origin.email,
    });
  }

  private page(status: number, params: Parameters<typeof callbackPage>[0]): CallbackAnswer {
    return { status, html: callbackPage(params) };
  }
}

/** A query parameter given once as text; repeated, nested or missing is as good as absent. */
function single(query: BridgeCallbackQuery, name: string): string | null {
  const value = Object.hasOwn(query, name) ? query[name] : undefined;
  return typeof value === 'string' ? value : null;
}

function stepOf(query: BridgeCallbackQuery): string | null {
  const step = single(query, 'step');
  return step !== null && isFunnelStep(step) ? step : null;
}

function itemIdOf(query: BridgeCallbackQuery): number | null {
  const text = single(query, 'item_id');
  return text !== null && /^\d{1,15}$/.test(text) ? Number(text) : null;
}
