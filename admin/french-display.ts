import type { ActionRequest, ActionResponse, After, Before, ResourceWithOptions } from 'adminjs';

import { accountTypeLabel, operationTypeLabel } from './bridge-labels.js';
import {
  frenchAmount,
  frenchDate,
  frenchDateTime,
  frenchEditableAmount,
  isDecimalString,
  parseFrenchAmount,
  parseFrenchDate,
} from './french-format.js';
import { recordsOf } from './resource-kit.js';

/** The money columns of the entities (decimal strings): shown "48 458,56 €", typed "1 520,35". */
export const MONEY_FIELDS = new Set([
  'amount',
  'balance',
  'balanceStart',
  'balanceEnd',
  'bankBalance',
  'unitPrice',
  'debit',
  'credit',
  'amountMin',
  'amountMax',
  'reviewAmount',
]);

/** The day columns: shown JJ/MM/AAAA, typed JJ/MM/AAAA. */
export const DAY_FIELDS = new Set([
  'date',
  'dateStart',
  'dateEnd',
  'transactionDate',
  'bookingDate',
  'valueDate',
  'reviewDate',
  'startDate',
  'endDate',
  'pieceDate',
]);

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One shown value the French way: amounts in euros, days JJ/MM/AAAA, instants in Paris time, Bridge types in words. */
export function frenchValue(key: string, value: unknown): unknown {
  const field = key.replace(/\.\d+$/, '');
  if (value instanceof Date) return DAY_FIELDS.has(field) ? frenchDate(value.toISOString()) : frenchDateTime(value);
  if (typeof value !== 'string') return value;
  if (MONEY_FIELDS.has(field) && isDecimalString(value)) return frenchAmount(value);
  if (ISO_DAY.test(value)) return frenchDate(value);
  if (ISO_INSTANT.test(value)) return frenchDateTime(value);
  if (field === 'accountType' || field === 'accountTypes') return accountTypeLabel(value);
  if (field === 'operationType') return operationTypeLabel(value);
  if (field === 'users' && value.startsWith('[')) return billedUsers(value);
  return value;
}

/** A billing report's e-mails (a JSON array) as a list to read: "a@x.fr, b@y.fr", or "Aucun". */
function billedUsers(json: string): string {
  try {
    const emails: unknown = JSON.parse(json);
    if (Array.isArray(emails)) return emails.length === 0 ? 'Aucun' : emails.map(String).join(', ');
  } catch {
    // Not the JSON the billing writes: shown as stored.
  }
  return json;
}

/** The list and show pages' records, French (the edit form keeps the raw values its inputs expect). */
export const frenchDisplay: After<ActionResponse> = (response) => {
  for (const record of recordsOf(response)) {
    for (const [key, value] of Object.entries(record.params)) record.params[key] = frenchValue(key, value);
  }
  return response;
};

/** The edit form's amounts, French and exact ("50 490,16"): its text inputs show what frenchInput reads back. */
export const frenchEditForm: After<ActionResponse> = (response, request) => {
  if (request.method !== 'get') return response;
  for (const record of recordsOf(response)) {
    for (const [key, value] of Object.entries(record.params)) {
      if (MONEY_FIELDS.has(key.replace(/\.\d+$/, '')) && isDecimalString(value)) {
        record.params[key] = frenchEditableAmount(value);
      }
    }
  }
  return response;
};

/**
 * French input on create and edit, read before validation: "1 520,35" → "1520.35", "01/11/2026" → "2026-11-01".
 * What cannot be read is left as typed, so that validation names the field in French.
 */
export const frenchInput: Before = (request: ActionRequest) => {
  if (request.method !== 'post' || !request.payload) return request;
  const payload: Record<string, unknown> = { ...request.payload };
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const field = key.replace(/\.\d+$/, '');
    if (MONEY_FIELDS.has(field)) payload[key] = parseFrenchAmount(value) ?? value;
    else if (DAY_FIELDS.has(field)) payload[key] = parseFrenchDate(value) ?? value;
  }
  return { ...request, payload };
};

type Hook = (...args: never[]) => unknown;
type LooseAction = { before?: Hook | Hook[]; after?: Hook | Hook[] } & Record<string, unknown>;
const hooks = (hook: Hook | Hook[] | undefined): Hook[] => (hook ? [hook].flat() : []);

/** Every resource of the back-office, French: list and show after their own hooks, new and edit before theirs. */
export function inFrench(resource: ResourceWithOptions): ResourceWithOptions {
  const actions = { ...(resource.options.actions ?? {}) } as Record<string, LooseAction>;
  for (const name of ['list', 'show']) {
    const action = actions[name] ?? {};
    actions[name] = { ...action, after: [...hooks(action.after), frenchDisplay] };
  }
  for (const name of ['new', 'edit']) {
    const action = actions[name] ?? {};
    actions[name] = { ...action, before: [frenchInput, ...hooks(action.before)] };
  }
  actions.edit = { ...actions.edit, after: [...hooks(actions.edit?.after), frenchEditForm] };
  return {
    ...resource,
    options: { ...resource.options, actions: actions },
  };
}
