import { Injectable, Logger } from '@nestjs/common';

import type { AccessScope } from '../auth/access-scope.js';
import { BankAccountsService } from '../bank-accounts/bank-accounts.service.js';
import type { BridgeConfig } from '../bridge-config/bridge-config.entity.js';
import { BridgeConfigsService } from '../bridge-config/bridge-configs.service.js';
import { BridgeClient, USER_ACTION_STATUSES } from '../bridge/bridge.client.js';
import { BridgeError } from '../bridge/bridge.errors.js';
import type {
  BridgeAccount,
  BridgeBank,
  BridgeConnection,
  BridgeItem,
  BridgeUser,
  ItemSessionReason,
} from '../bridge/bridge.types.js';
import { Clock } from '../common/clock/clock.js';
import { ConflictError, ForbiddenError, InvalidInputError } from '../common/errors/domain-errors.js';
import { frenchMessage } from '../common/errors/error-codes.js';
import { CompaniesService } from '../companies/companies.service.js';
import { AppConfig } from '../config/app-config.js';
import type { ConnectionAction } from '../connection-log/connection-log.entity.js';
import { ConnectionLogService } from '../connection-log/connection-log.service.js';
import { BalanceSnapshotsService } from '../statements/balance-snapshots.service.js';
import type { BankStatement } from '../statements/bank-statement.entity.js';
import { StatementsService } from '../statements/statements.service.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { accountCandidates, accountChoice } from './account-choice.js';
import { matchAccounts } from './account-matching.js';
import { BridgeUserBindings } from './bridge-user-bindings.service.js';
import { FunnelContexts } from './funnel-contexts.service.js';
import { StatementImporter } from './statement-importer.js';
import type { SyncCounts, SyncResult } from './sync-result.js';

export const CALLBACK_PATH = '/bridge/callback';
const REASONS: Record<number, ItemSessionReason> = {
  402: 'credentials',
  429: 'bank_action',
  1010: 'sca',
  1100: 'pro_validation',
};
const REASON_MESSAGES: Record<ItemSessionReason, string> = {
  sca: 'La banque demande une authentification forte (SCA) : ouvrez le lien pour la renouveler.',
  credentials: 'Les identifiants bancaires ont été refusés : ouvrez le lien pour les corriger.',
  bank_action:
    'La banque demande une action sur son site (conditions à accepter, compte à activer…) : faites-la, puis ouvrez le lien.',
  pro_validation: 'Des comptes professionnels sont à valider : ouvrez le lien pour les confirmer.',
};
const CONSENT_WARNING_DAYS = 30;

interface SyncScene {
  statement: BankStatement;
  user: User;
  email: string;
  config: BridgeConfig;
  connection: BridgeConnection;
  ip: string | null;
  bridgeUser?: BridgeUser;
}

export interface SyncOptions {
  /** Open a new funnel to connect another bank, even when the user's items already hold accounts. */
  addBank?: boolean;
}

/** docs/rules.md#synchro-steps: the six steps of the Synchro on a statement, each recorded in the connection log. */
@Injectable()
export class SynchroService {
  private readonly logger = new Logger(SynchroService.name);

  constructor(
    private readonly statements: StatementsService,
    private readonly users: UsersService,
    private readonly companies: CompaniesService,
    private readonly configs: BridgeConfigsService,
    private readonly bridge: BridgeClient,
    private readonly connectionLog: ConnectionLogService,
    private readonly importer: StatementImporter,
    private readonly contexts: FunnelContexts,
    private readonly bridgeUsers: BridgeUserBindings,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly balanceSnapshots: BalanceSnapshotsService,
    private readonly bankAccounts: BankAccountsService,
  ) {}

  async sync(
    statementId: number,
    userId: number,
    scope: AccessScope,
    ip: string | null,
    options: SyncOptions = {},
  ): Promise<SyncResult> {
    const scene = await this.prepare(statementId, userId, scope, ip);
    return this.failingAtBridge(scene, async () => this.run(scene, await this.authenticate(scene), options));
  }

  /**
   * docs/rules.md#account-choice: links one of the user's Bridge accounts to the statement's journal (its
   * `bridgeAccountId`, which wins over the IBAN), then runs the Synchro with it.
   */
  async linkAndSync(
    statementId: number,
    userId: number,
    bridgeAccountId: number,
    scope: AccessScope,
    ip: string | null,
  ): Promise<SyncResult> {
    const scene = await this.prepare(statementId, userId, scope, ip, { linking: true });
    return this.failingAtBridge(scene, async () => {
      const bridgeUser = await this.authenticate(scene);
      const accounts = await this.bridge.listAccounts(scene.connection, bridgeUser);
      const account = accounts.find(
        (candidate) => candidate.id === bridgeAccountId && candidate.dataAccess !== 'disabled',
      );
      if (!account) {
        throw new InvalidInputError(
          'bank_account.bridge_account_unknown',
          'bridgeAccountId',
          `Bridge account ${bridgeAccountId} is not one of the accounts user ${userId} shares through Bridge: choose one of the accounts of the account_choice_required answer`,
        );
      }
      const bankAccount = scene.statement.bankAccount;
      await this.bankAccounts.update(bankAccount.id, { bridgeAccountId }, scope);
      bankAccount.bridgeAccountId = bridgeAccountId;
      return this.run(scene, bridgeUser, {}, accounts);
    });
  }

  private async failingAtBridge(scene: SyncScene, work: () => Promise<SyncResult>): Promise<SyncResult> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof BridgeError) {
        // The back-office shows this log: the code table's French message, not the client's English detail.
        await this.log(scene, 'sync_failed', 'failure', { message: frenchMessage(error.code, error.params) });
        this.logger.warn(`Synchro of statement ${scene.statement.id} failed at Bridge: ${error.message}`);
      }
      throw error;
    }
  }

  /** Every check that needs no call to Bridge: nothing is sent when one fails. */
  private async prepare(
    statementId: number,
    userId: number,
    scope: AccessScope,
    ip: string | null,
    options: { linking?: boolean } = {},
  ): Promise<SyncScene> {
    const statement = await this.statements.getEntity(statementId, scope);
    const user = await this.users.get(userId, scope, 'userId');
    const bankAccount = statement.bankAccount;
    if (statement.state === 'closed') {
      throw new ConflictError(
        'statement.closed',
        `Statement ${statementId} is closed: reopen it before running the Synchro`,
      );
    }
    if (user.companyId !== bankAccount.companyId) {
      throw new InvalidInputError(
        'user.other_company',
        'userId',
        `user ${userId} does not belong to company ${bankAccount.companyId} of statement ${statementId}`,
      );
    }
    if (!user.active) {
      throw new ForbiddenError('user.inactive', `userId: user ${userId} is inactive`, 'userId');
    }
    if (!user.email) {
      throw new InvalidInputError(
        'user.email_missing',
        'userId',
        `user ${userId} (${user.login}) has no e-mail: set the e-mail used for Bridge, then run the Synchro again`,
      );
    }
    if (!bankAccount.iban && bankAccount.bridgeAccountId === null && !options.linking) {
      throw new ConflictError(
        'bank_account.iban_missing',
        `Bank account ${bankAccount.id} (journal ${bankAccount.journalCode}) has no IBAN: set its IBAN (or a forced Bridge account id) before running the Synchro`,
      );
    }
    const company = await this.companies.get(bankAccount.companyId, scope);
    if (!company.subscriptionActive) {
      throw new ForbiddenError(
        'subscription.inactive',
        `The subscription of company ${company.id} (${company.name}) is not active: the Synchro opens once the editor has activated it`,
      );
    }
    const config = await this.configs.findForCompany(company.id);
    if (!config) {
      throw new ConflictError(
        'bridge_config.missing',
        `No Bridge configuration serves company ${company.id} (${company.name}): create one first`,
      );
    }
    if (!config.active) {
      throw new ForbiddenError(
        'bridge_config.inactive',
        `Bridge configuration ${config.id} (${config.name}) of company ${company.id} is inactive: activate it to run the Synchro`,
      );
    }
    // Last, once every other check passed: the Bridge user of this e-mail is this company's, or becomes so.
    await this.bridgeUsers.claim({
      bridgeConfigId: config.id,
      email: user.email,
      companyId: company.id,
      userId: user.id,
    });
    return {
      statement,
      user,
      email: user.email,
      config,
      connection: this.configs.connectionOf(config, company.id),
      ip,
    };
  }

  /** Steps 1–3: the Bridge user of the e-mail (created when new), and a token. */
  private async authenticate(scene: SyncScene): Promise<BridgeUser> {
    const { user: bridgeUser, created } = await this.bridge.ensureUser(scene.connection, scene.email);
    scene.bridgeUser = bridgeUser;
    if (created) {
      await this.log(scene, 'user_created', 'success');
    }
    await this.bridge.getToken(scene.connection, bridgeUser);
    await this.log(scene, 'authenticated', 'success');
    return bridgeUser;
  }

  private async run(
    scene: SyncScene,
    bridgeUser: BridgeUser,
    options: SyncOptions,
    knownAccounts?: BridgeAccount[],
  ): Promise<SyncResult> {
    // Step 4: the account carrying the journal's IBAN among the user's items.
    const bankAccount = scene.statement.bankAccount;
    const [items, accounts] = await Promise.all([
      this.bridge.listItems(scene.connection, bridgeUser),
      knownAccounts ?? this.bridge.listAccounts(scene.connection, bridgeUser),
    ]);
    const match = matchAccounts(accounts, {
      iban: bankAccount.iban,
      bridgeAccountId: bankAccount.bridgeAccountId,
      accountTypes: bankAccount.accountTypes,
    });
    const item = match ? items.find((candidate) => candidate.id === match.main.itemId) : undefined;

    // docs/rules.md#account-choice: the user's items hold accounts, none with the journal's IBAN: offer them to link
    // rather than a new funnel, unless one was asked for.
    if (!match && !options.addBank) {
      const candidates = accountCandidates(accounts, items, await this.banksOf(scene));
      if (candidates.length > 0) {
        const choice = accountChoice(bankAccount.journalCode, bankAccount.iban, candidates);
        await this.log(scene, 'account_choice_required', 'pending', {
          message: `Aucun compte Bridge avec l’IBAN ${bankAccount.iban ?? '(aucun)'} parmi les ${candidates.length} compte(s) de l’utilisateur : l’un d’eux peut être associé au journal ${bankAccount.journalCode}.`,
        });
        return choice;
      }
    }

    // Step 6: no such account yet, or its item is gone, or another bank asked for: the funnel to connect the bank.
    if (!match || !item || options.addBank) {
      const session = await this.bridge.createConnectSession(scene.connection, bridgeUser, {
        email: scene.email,
        countryCode: scene.config.countryCodes[0] ?? 'FR',
        callbackUrl: this.callbackUrl(),
        context: await this.funnelContext(scene, bridgeUser),
        providerId:
          bankAccount.bridgeBankId ??
          (scene.config.preselectedBankIds.length === 1 ? scene.config.preselectedBankIds[0] : undefined),
      });
      await this.log(scene, 'funnel_opened', 'success', {
        message: options.addBank
          ? 'Autre banque demandée : parcours de connexion ouvert.'
          : `Aucun compte Bridge avec l’IBAN ${bankAccount.iban ?? '(aucun)'} pour l’instant : parcours de connexion ouvert.`,
      });
      return { status: 'connect_required', connectUrl: session.url };
    }

    // The item needs the user (SCA, credentials, action at the bank, pro validation): the funnel for that item.
    const reason = reauthReason(item, this.clock.now());
    if (reason) {
      const session = await this.bridge.createItemSession(scene.connection, bridgeUser, {
        email: scene.email,
        itemId: item.id,
        reason,
        callbackUrl: this.callbackUrl(),
        context: await this.funnelContext(scene, bridgeUser),
        countryCode: scene.config.countryCodes[0],
      });
      const message = `${REASON_MESSAGES[reason]} (statut Bridge ${item.status}${item.statusCodeInfo ? ` ${item.statusCodeInfo}` : ''})`;
      await this.log(scene, 'reauth_requested', 'pending', { itemId: item.id, bankId: item.providerId, message });
      return { status: 'reauth_required', connectUrl: session.url, itemId: item.id, reason, message };
    }

    // Step 5: synchronise under the bank account's lock, which its statement changes take too: one at a time across
    // every instance. The importer checks the statement again in there; the bank balance is set before a close can run.
    const { counts, warnings: importWarnings } = await this.statements.withBankAccountLock(bankAccount, async () => {
      const imported = await this.importer.run({
        statementId: scene.statement.id,
        bankAccount,
        feeding: match.feeding,
        connection: scene.connection,
        user: bridgeUser,
      });
      const readAt = this.clock.now();
      await this.statements.recordBankBalance(scene.statement.id, match.main.balance, readAt);
      // docs/rules.md#balance-check: the balance of every account read, for the continuity check.
      await this.balanceSnapshots.record(bankAccount.id, match.feeding, match.main.id, readAt);
      return imported;
    });
    const warnings = [...importWarnings, ...consentWarnings(item, this.clock.now())];
    if (item.status !== 0) {
      warnings.push(
        `Bridge n'a pas pu rafraîchir la banque (statut ${item.status}${item.statusCodeInfo ? ` ${item.statusCodeInfo}` : ''}) : les dernières opérations peuvent manquer.`,
      );
    }
    await this.log(scene, 'synced', 'success', {
      itemId: item.id,
      bankId: item.providerId,
      message: syncedMessage(counts),
    });
    return {
      status: 'synced',
      ...counts,
      bankBalance: match.main.balance,
      itemId: item.id,
      consentExpiresAt: item.authenticationExpiresAt,
      warnings,
    };
  }

  /** The banks' names for the candidates; without them (Bridge unavailable for that list) the candidates still show. */
  private async banksOf(scene: SyncScene): Promise<BridgeBank[]> {
    try {
      return await this.bridge.listBanks(scene.connection, { countryCodes: scene.config.countryCodes });
    } catch (error) {
      if (!(error instanceof BridgeError)) throw error;
      this.logger.warn(`Bank names unavailable for the account choice: ${error.message}`);
      return [];
    }
  }

  /** The signed, single-use context Bridge echoes on the callback: which statement, user and Bridge user opened the funnel. */
  private funnelContext(scene: SyncScene, bridgeUser: BridgeUser): Promise<string> {
    return this.contexts.issue({
      statementId: scene.statement.id,
      userId: scene.user.id,
      companyId: scene.statement.bankAccount.companyId,
      bridgeConfigId: scene.config.id,
      email: scene.email,
      bridgeUserUuid: bridgeUser.uuid,
    });
  }

  private callbackUrl(): string {
    return `${this.config.publicUrl}${CALLBACK_PATH}`;
  }

  private async log(
    scene: SyncScene,
    action: ConnectionAction,
    result: string,
    extra: { itemId?: number; bankId?: number; message?: string } = {},
  ): Promise<void> {
    await this.connectionLog.record({
      companyId: scene.statement.bankAccount.companyId,
      bridgeConfigId: scene.config.id,
      userId: scene.user.id,
      email: scene.email,
      bridgeUserUuid: scene.bridgeUser?.uuid ?? null,
      action,
      itemId: extra.itemId ?? null,
      bankId: extra.bankId ?? null,
      result,
      message: extra.message ?? null,
      ip: scene.ip,
    });
  }
}

function reauthReason(item: BridgeItem, now: Date): ItemSessionReason | null {
  const reason = USER_ACTION_STATUSES.has(item.status) ? REASONS[item.status] : undefined;
  if (reason) {
    return reason;
  }
  // The 180-day consent has passed even if Bridge has not flipped the status yet.
  if (item.authenticationExpiresAt && Date.parse(item.authenticationExpiresAt) <= now.getTime()) {
    return 'sca';
  }
  return null;
}

function consentWarnings(item: BridgeItem, now: Date): string[] {
  if (!item.authenticationExpiresAt) {
    return [];
  }
  const daysLeft = Math.floor((Date.parse(item.authenticationExpiresAt) - now.getTime()) / 86_400_000);
  return daysLeft <= CONSENT_WARNING_DAYS
    ? [
        `Le consentement bancaire (SCA) expire le ${frenchDay(item.authenticationExpiresAt)}, dans ${daysLeft} jour(s) : renouvelez-le depuis la Synchro.`,
      ]
    : [];
}

/** The connection log's line for a Synchro, in French: the back-office shows it as written. */
function syncedMessage(counts: SyncCounts): string {
  const parts = [
    `${counts.imported} importée(s)`,
    `${counts.updated} modifiée(s)`,
    `${counts.removed} supprimée(s)`,
    `${counts.skipped} écartée(s)`,
    `${counts.reviewRequired} à revoir`,
  ];
  if (counts.rejected > 0) parts.push(`${counts.rejected} invalide(s) chez Bridge (non importée(s))`);
  return `Opérations : ${parts.join(', ')}.`;
}

/** JJ/MM/AAAA of an ISO instant or day (its calendar part as Bridge wrote it). */
function frenchDay(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
