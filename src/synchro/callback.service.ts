import { Injectable } from '@nestjs/common';

import { AccessScope } from '../auth/access-scope.js';
import { BridgeConfigsService } from '../bridge-config/bridge-configs.service.js';
import { AppConfig } from '../config/app-config.js';
import { ConnectionLogService } from '../connection-log/connection-log.service.js';
import { StatementsService } from '../statements/statements.service.js';
import { UsersService } from '../users/users.service.js';
import { callbackPage } from './callback-page.js';
import { SyncContextSigner } from './sync-context.js';

export interface BridgeCallbackQuery {
  context?: string;
  success?: string;
  step?: string;
  item_id?: string;
  user_uuid?: string;
}

/** Bridge sends the user's browser back here after the funnel: record it, and tell the user what to do next. */
@Injectable()
export class CallbackService {
  constructor(
    private readonly contexts: SyncContextSigner,
    private readonly statements: StatementsService,
    private readonly users: UsersService,
    private readonly configs: BridgeConfigsService,
    private readonly connectionLog: ConnectionLogService,
    private readonly config: AppConfig,
  ) {}

  async handle(query: BridgeCallbackQuery, ip: string | null): Promise<{ status: number; html: string }> {
    const origin = this.contexts.verify(query.context);
    const success = query.success === 'true';
    if (!origin) {
      // Unsigned or forged: nothing is written; the page still guides the user.
      return { status: 400, html: callbackPage({ success: false, step: query.step ?? null, statementName: null, returnUrl: null }) };
    }
    const editor = AccessScope.editor();
    const statement = await this.statements.getEntity(origin.statementId, editor).catch(() => null);
    const user = await this.users.get(origin.userId, editor).catch(() => null);
    const companyId = statement?.bankAccount.companyId ?? user?.companyId ?? null;
    const bridgeConfig = companyId !== null ? await this.configs.findForCompany(companyId) : null;
    const itemId = query.item_id && /^\d{1,15}$/.test(query.item_id) ? Number(query.item_id) : null;
    await this.connectionLog.record({
      companyId,
      bridgeConfigId: bridgeConfig?.id ?? null,
      userId: user?.id ?? null,
      email: user?.email ?? null,
      bridgeUserUuid: query.user_uuid && /^[\w-]{1,64}$/.test(query.user_uuid) ? query.user_uuid : null,
      action: success ? 'callback_success' : 'callback_failure',
      itemId,
      bankId: null,
      result: success ? 'success' : 'failure',
      message: success ? `Funnel completed for statement ${origin.statementId}` : `Funnel stopped at step ${query.step ?? 'unknown'} for statement ${origin.statementId}`,
      ip,
    });
    const returnUrl = this.config.statementReturnUrl.replace('{statementId}', String(origin.statementId));
    return { status: 200, html: callbackPage({ success, step: query.step ?? null, statementName: statement?.name ?? null, returnUrl }) };
  }
}
