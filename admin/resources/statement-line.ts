import type { ActionContext, ActionHandler, ActionResponse, ResourceWithOptions } from 'adminjs';

import { AcceptBankChangeDto, RejectBankChangeDto } from '../../src/accounting/dto/entry.dto.js';
import { StatementLine } from '../../src/statements/statement-line.entity.js';
import { frenchAmount, frenchDate, frenchDateTime } from '../french-format.js';
import { identityOf, NAV, READ_ONLY, scopeOf, withValues, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';
import { refusalOf, validatePayload } from '../validation.js';
import { ENTRY_SHOW_URL } from './journal-entry.js';

const DISPLAY_ONLY = { list: false, show: true, edit: false, filter: false };

const awaitsDecision = ({ record }: ActionContext) => Boolean(record?.get('reviewRequired'));

interface LineValues {
  date: string;
  label: string;
  amount: string;
  reviewDate: string | null;
  reviewLabel: string | null;
  reviewAmount: string | null;
  reviewDeleted: boolean;
}

/** The bank's new values of a line awaiting a decision, in French. */
function bankChangeOf(line: LineValues): string[] {
  if (line.reviewDeleted) return ['La banque a supprimé cette opération après sa comptabilisation.'];
  return [
    `Date : ${frenchDate(line.date)} → ${frenchDate(line.reviewDate ?? line.date)}`,
    `Libellé : « ${line.label} » → « ${line.reviewLabel ?? line.label} »`,
    `Montant : ${frenchAmount(line.amount)} → ${frenchAmount(line.reviewAmount ?? line.amount)}`,
  ];
}

/** Accepting or rejecting the bank's change of a posted line (BankChangesService), signed by the account's e-mail. */
function bankChangeHandler(deps: AdminDeps, decision: 'accept' | 'reject'): ActionHandler<ActionResponse> {
  return async (request, _response, context) => {
    const scope = scopeOf(context);
    const line = context.record!;
    const record = line.toJSON(context.currentAdmin);
    const statementId = Number(line.get('statementId'));
    const lineId = Number(line.id());
    if (request.method !== 'post') {
      const values = line.params as unknown as LineValues;
      return {
        record,
        form: {
          title: decision === 'accept' ? 'Accepter la modification de la banque' : 'Rejeter la modification',
          intro: [
            ...bankChangeOf(values),
            decision === 'accept'
              ? 'L’écriture d’origine est extournée et, sauf suppression, une nouvelle écriture reprend les valeurs de la banque.'
              : 'Les valeurs comptabilisées sont conservées ; la ligne n’est plus à revoir.',
          ],
          comment: {
            label: decision === 'accept' ? 'Commentaire (facultatif)' : 'Commentaire',
            required: decision === 'reject',
          },
          button: decision === 'accept' ? 'Accepter la modification' : 'Rejeter la modification',
        },
      };
    }
    const raw = String((request.payload as { comment?: unknown } | undefined)?.comment ?? '');
    const actor = identityOf(context)?.email ?? 'back-office';
    try {
      if (decision === 'accept') {
        const { value, errors } = await validatePayload(AcceptBankChangeDto, raw.trim() ? { comment: raw } : {});
        if (errors.comment) return { record, outcome: { failure: `Commentaire : ${errors.comment.message}` } };
        const result = await deps.bankChanges.accept(statementId, lineId, value.comment, actor, scope);
        const written = [result.reversalEntryId, result.entryId].filter((id): id is number => id !== null);
        // Named by their EcritureNum, as the accountant reads them in the journal.
        const numbers = await Promise.all(written.map(async (id) => (await deps.entries.get(id, scope)).ecritureNum));
        return {
          record,
          outcome: {
            message: `Modification acceptée : ${written.length} ${written.length === 1 ? 'écriture passée' : 'écritures passées'} (extourne${result.entryId ? ' et nouvelle écriture' : ''}).`,
            links: written.map((id, index) => ({
              id: `entry-${id}`,
              href: ENTRY_SHOW_URL(id),
              label: `${index === 0 && result.reversalEntryId !== null ? 'Extourne' : 'Écriture'} ${numbers[index]}`,
            })),
          },
        };
      }
      const { value, errors } = await validatePayload(RejectBankChangeDto, { comment: raw });
      if (errors.comment) {
        return { record, outcome: { failure: 'Le commentaire est obligatoire pour rejeter la modification.' } };
      }
      await deps.bankChanges.reject(statementId, lineId, value.comment, actor, scope);
      return { record, outcome: { message: 'Modification rejetée : les valeurs comptabilisées sont conservées.' } };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) return { record, outcome: { failure: refusal.message, code: refusal.code } };
      throw error;
    }
  };
}

/** The lines of the statements, read-only (the Synchro writes them), with their posting and the bank's changes. */
export function statementLineResource(deps: AdminDeps): ResourceWithOptions {
  const withPosting = withValues(async (ids) => {
    const entries = await deps.entries.ofLines(ids);
    return new Map(
      ids.map((id) => [
        id,
        {
          entries: (entries.get(id) ?? []).map((entry) => ({
            href: ENTRY_SHOW_URL(entry.id),
            label: `${entry.ecritureNum}${entry.kind === 'reversal' ? ' (extourne)' : ''}`,
          })),
        },
      ]),
    );
  });
  const present = async (response: ActionResponse, request: unknown, context: ActionContext) => {
    await withPosting(response, request, context);
    const records = [response.record, ...((response.records as unknown[]) ?? [])].filter(Boolean) as {
      params: Record<string, unknown>;
    }[];
    for (const { params } of records) {
      params.posted = params.postedAt
        ? `Comptabilisée le ${frenchDateTime(params.postedAt as string)}`
        : params.bankDeleted
          ? 'Supprimée par la banque (écriture extournée)'
          : 'Non comptabilisée';
      params.bankChange = params.reviewRequired ? bankChangeOf(params as unknown as LineValues).join('\n') : '';
    }
    return response;
  };
  const decisionAction = (decision: 'accept' | 'reject') => ({
    actionType: 'record' as const,
    icon: decision === 'accept' ? 'Check' : 'X',
    isAccessible: awaitsDecision,
    isVisible: awaitsDecision,
    component: deps.components.RecordCommand,
    handler: bankChangeHandler(deps, decision),
  });
  return {
    resource: new deps.ScopedResource(StatementLine, { companies: OWNED_BY.statement }),
    options: {
      id: 'StatementLine',
      navigation: NAV.banking,
      sort: { sortBy: 'date', direction: 'asc' },
      listProperties: ['date', 'label', 'amount', 'currency', 'reviewRequired', 'statementId'],
      showProperties: [
        'id',
        'statementId',
        'date',
        'label',
        'amount',
        'currency',
        'bankTransactionId',
        'posted',
        'entries',
        'reviewRequired',
        'reviewNote',
        'bankChange',
        'reviewResolution',
        'createdAt',
        'updatedAt',
      ],
      filterProperties: ['statementId', 'date', 'label', 'reviewRequired'],
      properties: {
        reviewNote: { type: 'textarea' },
        reviewResolution: { type: 'textarea' },
        date: { type: 'date' },
        posted: { type: 'string', isVisible: DISPLAY_ONLY },
        entries: { type: 'string', isVisible: DISPLAY_ONLY, components: { show: deps.components.LinkList } },
        bankChange: { type: 'textarea', isVisible: DISPLAY_ONLY },
      },
      actions: {
        ...READ_ONLY,
        show: { after: present },
        acceptBankChange: decisionAction('accept'),
        rejectBankChange: decisionAction('reject'),
      },
    },
  };
}
