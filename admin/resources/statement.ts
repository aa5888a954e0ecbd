import type { ActionContext, ActionHandler, ActionResponse, ResourceWithOptions } from 'adminjs';

import { BankStatement } from '../../src/statements/bank-statement.entity.js';
import { CreateStatementDto, UpdateStatementDto } from '../../src/statements/dto/statement.dto.js';
import type { SyncResult } from '../../src/synchro/sync-result.js';
import { balanceBadgeOf } from '../balance-badge.js';
import { accountTypeLabel } from '../bridge-labels.js';
import { frenchAmount, frenchMoney } from '../french-format.js';
import type { FieldKind } from '../payload.js';
import { identityOf, linkAction, NAV, scopeOf, withValues, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';
import { serviceActions } from '../service-actions.js';
import { statementFigures } from '../statement-figures.js';
import { refusalOf } from '../validation.js';

const FIELDS: Record<string, FieldKind> = {
  bankAccountId: 'int',
  name: 'string',
  dateStart: 'string',
  dateEnd: 'nullableString',
  balanceStart: 'string',
};
// A statement stays on its bank account; it is closed (or reopened) on edit.
const { bankAccountId: _bankAccountId, ...EDITABLE } = FIELDS;
const UPDATE_FIELDS: Record<string, FieldKind> = {
  ...EDITABLE,
  state: 'string',
  forceClose: 'boolean',
  closeComment: 'nullableString',
};

/** The Synchro button: the same service as POST /statements/:id/sync, for the chosen ERP user. */
function synchroHandler(deps: AdminDeps): ActionHandler<ActionResponse> {
  return async (request, _response, context) => {
    const record = context.record!;
    const scope = scopeOf(context);
    const statement = await deps.statements.getEntity(Number(record.id()), scope);
    if (request.method !== 'post') {
      const page = await deps.users.list({ companyId: statement.bankAccount.companyId, limit: 500 }, scope);
      const users = page.items
        .filter((user) => user.active && user.email)
        .map((user) => ({ value: user.id, label: `${user.name} <${user.email}>` }));
      const linked = identityOf(context)?.userId;
      return {
        record: record.toJSON(context.currentAdmin),
        users,
        defaultUserId: users.some((user) => user.value === linked) ? linked : (users[0]?.value ?? null),
        journalCode: statement.bankAccount.journalCode,
      };
    }
    const payload = (request.payload ?? {}) as { userId?: unknown; bridgeAccountId?: unknown; addBank?: unknown };
    const userId = Number(payload.userId);
    try {
      // The client address as Express sees it (X-Forwarded-For from a trusted proxy), kept by keepClientAddress.
      const ip = (request as { clientIp?: string }).clientIp ?? null;
      // docs/rules.md#account-choice: "Associer ce compte au journal" links then syncs; "Ajouter une banque" opens a funnel.
      const result =
        payload.bridgeAccountId !== undefined && payload.bridgeAccountId !== null && payload.bridgeAccountId !== ''
          ? await deps.synchro.linkAndSync(statement.id, userId, Number(payload.bridgeAccountId), scope, ip)
          : await deps.synchro.sync(statement.id, userId, scope, ip, {
              addBank: payload.addBank === true || payload.addBank === 'true',
            });
      return { record: record.toJSON(context.currentAdmin), result: shownInFrench(result) };
    } catch (error) {
      // Refusals and Bridge failures in French, from the code table; anything else is AdminJS's error page.
      const refusal = refusalOf(error);
      if (refusal) return { record: record.toJSON(context.currentAdmin), failure: refusal.message, code: refusal.code };
      throw error;
    }
  };
}

/** The Synchro's answer with what the page shows written in French: balances as amounts, Bridge types in words. */
function shownInFrench(result: SyncResult): SyncResult & Record<string, unknown> {
  switch (result.status) {
    case 'synced':
      return { ...result, bankBalanceText: result.bankBalance === null ? '—' : frenchAmount(result.bankBalance) };
    case 'account_choice_required':
      return {
        ...result,
        accounts: result.accounts.map((account) => ({
          ...account,
          typeLabel: accountTypeLabel(account.type),
          balanceText: frenchMoney(account.balance, account.currency),
        })),
      };
    case 'connect_required':
    case 'reauth_required':
      return result;
  }
}

/** "Comptabiliser": PostingService.post on every unposted line of the statement, the result or refusal in French. */
function postingHandler(deps: AdminDeps): ActionHandler<ActionResponse> {
  return async (request, _response, context) => {
    const scope = scopeOf(context);
    const statement = await deps.statements.getEntity(Number(context.record!.id()), scope);
    const record = context.record!.toJSON(context.currentAdmin);
    if (request.method !== 'post') {
      return {
        record,
        form: {
          title: `Comptabiliser le relevé « ${statement.name} »`,
          intro: [
            'Chaque ligne non encore comptabilisée devient une écriture de deux lignes (banque et contrepartie, selon les règles d’affectation ou le compte d’attente). Les lignes à revoir attendent votre décision.',
          ],
          button: 'Comptabiliser',
        },
      };
    }
    try {
      const result = await deps.posting.post(statement.id, undefined, scope);
      const message =
        result.posted === 0
          ? 'Rien à comptabiliser : toutes les lignes sont déjà passées.'
          : `${result.posted} ${result.posted === 1 ? 'écriture passée' : 'écritures passées'}.`;
      const links = [
        {
          id: 'see-entries',
          href: `/admin/resources/JournalEntry?filters.statementId=${statement.id}`,
          label: 'Voir les écritures du relevé',
        },
      ];
      return { record, outcome: { message, links, posted: result.posted } };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) return { record, outcome: { failure: refusal.message, code: refusal.code } };
      throw error;
    }
  };
}

/**
 * "Clôturer malgré l'écart" (docs/rules.md#closing-a-statement): the close with forceClose, the reason required and
 * kept as the statement's close comment. The other close rules (lines posted, none to review) still apply.
 */
function forceCloseHandler(deps: AdminDeps): ActionHandler<ActionResponse> {
  return async (request, _response, context) => {
    const scope = scopeOf(context);
    const id = Number(context.record!.id());
    const record = context.record!.toJSON(context.currentAdmin);
    if (request.method !== 'post') {
      const page = await deps.statements.pageFigures(id, scope);
      const figures = statementFigures({
        statementId: id,
        balanceStart: page.statement.balanceStart,
        balanceEnd: page.balanceEnd,
        bank: page.bank,
        bankBalanceAt: page.statement.bankBalanceAt,
        dateEnd: page.statement.dateEnd,
        toReview: page.toReview,
      });
      return {
        record,
        form: {
          title: `Clôturer malgré l’écart le relevé « ${page.statement.name} »`,
          intro: [
            `Solde final calculé : ${figures.computedEnd}. ${figures.bankLabel} : ${figures.bank ?? 'inconnu'}. ${figures.gapText}.`,
            'La clôture sera enregistrée comme forcée, avec son motif.',
          ],
          comment: { label: 'Motif de la clôture malgré l’écart', required: true },
          button: 'Clôturer malgré l’écart',
        },
      };
    }
    const comment = (request.payload as { comment?: unknown } | undefined)?.comment;
    const reason = typeof comment === 'string' ? comment.trim() : '';
    if (reason === '') {
      return {
        record,
        outcome: { failure: 'Le motif est obligatoire pour clôturer malgré l’écart.', code: 'closeComment' },
      };
    }
    try {
      await deps.statements.update(id, { state: 'closed', forceClose: true, closeComment: reason }, scope);
      return {
        record,
        outcome: {
          message: 'Relevé clôturé malgré l’écart ; le motif est enregistré.',
          links: [
            { id: 'see-statement', href: `/admin/resources/BankStatement/records/${id}/show`, label: 'Voir le relevé' },
          ],
        },
      };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) return { record, outcome: { failure: refusal.message, code: refusal.code } };
      throw error;
    }
  };
}

/** "Relevés bancaires": the statements, their totals, the Synchro and the way to their lines. */
export function statementResource(deps: AdminDeps): ResourceWithOptions {
  const withTotals = withValues((ids) => deps.statements.summaries(ids));
  // docs/rules.md#balance-check: the badge of the statement's bank account, read through the signed-in account's scope.
  const withBalanceBadge = withValues(async (ids, context) => {
    const scope = scopeOf(context);
    const badges = new Map<number, Record<string, unknown>>();
    for (const id of ids) {
      const statement = await deps.statements.getEntity(id, scope);
      const badge = balanceBadgeOf(await deps.balanceCheck.check(statement.bankAccountId, scope));
      badges.set(id, { balanceBadge: badge.text, balanceBadgeTone: badge.tone });
    }
    return badges;
  });
  // docs/rules.md#the-statement-page: the balances, the gap and the lines to review, as one JSON value for the component.
  const withFigures = withValues(async (ids, context) => {
    const scope = scopeOf(context);
    const figures = new Map<number, Record<string, unknown>>();
    for (const id of ids) {
      const page = await deps.statements.pageFigures(id, scope);
      const values = statementFigures({
        statementId: id,
        balanceStart: page.statement.balanceStart,
        balanceEnd: page.balanceEnd,
        bank: page.bank,
        bankBalanceAt: page.statement.bankBalanceAt,
        dateEnd: page.statement.dateEnd,
        toReview: page.toReview,
      });
      figures.set(id, { statementFigures: JSON.stringify(values), gapTone: values.gapTone });
    }
    return figures;
  });
  const actions = serviceActions(deps, {
    fields: FIELDS,
    updateFields: UPDATE_FIELDS,
    createDto: CreateStatementDto,
    updateDto: UpdateStatementDto,
    writer: deps.statements,
  });
  return {
    resource: new deps.ScopedResource(BankStatement, { companies: OWNED_BY.bankAccount }),
    options: {
      id: 'BankStatement',
      navigation: NAV.banking,
      sort: { sortBy: 'dateStart', direction: 'desc' },
      listProperties: [
        'id',
        'name',
        'bankAccountId',
        'dateStart',
        'dateEnd',
        'balanceStart',
        'balanceEnd',
        'lineCount',
        'state',
      ],
      showProperties: [
        'id',
        'name',
        'bankAccountId',
        'dateStart',
        'dateEnd',
        'balanceStart',
        'balances',
        'balanceEnd',
        'bankBalance',
        'bankBalanceAt',
        'balanceBadge',
        'lineCount',
        'state',
        'closeComment',
      ],
      editProperties: [
        'bankAccountId',
        'name',
        'dateStart',
        'dateEnd',
        'balanceStart',
        'state',
        'forceClose',
        'closeComment',
      ],
      filterProperties: ['bankAccountId', 'name', 'state', 'dateStart'],
      properties: {
        balanceEnd: { type: 'string', isVisible: { list: true, show: true, edit: false, filter: false } },
        lineCount: { type: 'number', isVisible: { list: true, show: true, edit: false, filter: false } },
        balances: {
          type: 'string',
          isVisible: { list: false, show: true, edit: false, filter: false },
          components: { show: deps.components.StatementBalances },
        },
        balanceBadge: {
          type: 'string',
          isVisible: { list: false, show: true, edit: false, filter: false },
          components: { show: deps.components.BalanceBadge },
        },
        dateStart: { type: 'date' },
        dateEnd: { type: 'date' },
        forceClose: {
          type: 'boolean',
          isVisible: { list: false, show: false, edit: true, filter: false },
          components: { edit: deps.components.ExistingRecordOnly },
          description:
            'Clôture malgré un écart entre le solde calculé et celui de la banque (commentaire obligatoire).',
        },
        closeComment: { type: 'textarea', components: { edit: deps.components.ExistingRecordOnly } },
        state: {
          availableValues: [
            { value: 'open', label: 'Ouvert' },
            { value: 'closed', label: 'Clôturé' },
          ],
          components: { edit: deps.components.ExistingRecordOnly },
        },
      },
      actions: {
        ...actions,
        list: { after: withTotals },
        show: {
          after: async (response: ActionResponse, request: unknown, context: ActionContext) =>
            withFigures(
              await withBalanceBadge(await withTotals(response, request, context), request, context),
              request,
              context,
            ),
        },
        synchro: {
          actionType: 'record',
          icon: 'RefreshCw',
          component: deps.components.SynchroAction,
          handler: synchroHandler(deps),
        },
        lines: linkAction('List', (id) => `/admin/resources/StatementLine?filters.statementId=${id}`),
        closeAnyway: {
          actionType: 'record',
          icon: 'Lock',
          component: deps.components.RecordCommand,
          isAccessible: ({ record }: ActionContext) => record?.get('state') === 'open',
          handler: forceCloseHandler(deps),
        },
        postEntries: {
          actionType: 'record',
          icon: 'BookOpen',
          component: deps.components.RecordCommand,
          handler: postingHandler(deps),
        },
      },
    },
  };
}
