import Big from 'big.js';

import { toMoney, type Money } from '../common/money/money.js';
import { normalizeIban } from '../common/validation/validators.js';
import { BridgeUnavailableError } from './bridge.errors.js';

/**
 * Readers for Bridge JSON parsed losslessly (numbers arrive as their decimal text). Each names the field it
 * could not read, so that a changed answer is reported clearly instead of producing wrong data.
 */
export type Json = Record<string, unknown>;

export function asRecord(value: unknown, what: string): Json {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new BridgeUnavailableError(`Bridge sent an unexpected answer: ${what} is not an object`);
  }
  return value as Json;
}

export function id(record: Json, field: string): number {
  const value = Number(record[field]);
  if (record[field] === undefined || record[field] === null || !Number.isSafeInteger(value)) {
    throw new BridgeUnavailableError(`Bridge sent an unexpected answer: "${field}" is missing or not an integer`);
  }
  return value;
}

export function optionalInt(record: Json, field: string): number | null {
  const value = record[field];
  return value === undefined || value === null ? null : id(record, field);
}

export function text(record: Json, field: string): string {
  const value = record[field];
  if (typeof value !== 'string') {
    throw new BridgeUnavailableError(`Bridge sent an unexpected answer: "${field}" is missing or not a string`);
  }
  return value;
}

export function optionalText(record: Json, field: string): string | null {
  const value = record[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function money(record: Json, field: string): Money {
  const value = record[field];
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) {
    throw new BridgeUnavailableError(`Bridge sent an unexpected answer: "${field}" is missing or not a number`);
  }
  // Amounts are kept to the cent: rounding a finer one would change the books without anyone knowing.
  if (!new Big(value).round(2).eq(value)) {
    throw new BridgeUnavailableError(`Bridge sent an unexpected answer: "${field}" ${value} has more than 2 decimals; nothing was imported`);
  }
  return toMoney(value);
}

export function bool(record: Json, field: string): boolean {
  return record[field] === true;
}

export function iban(record: Json, field: string): string | null {
  const value = optionalText(record, field);
  return value ? normalizeIban(value) : null;
}

/** `{resources: [...], pagination: {next_uri}}` → the rows and the next path, if any. */
export function page(body: unknown): { resources: Json[]; nextUri: string | null } {
  const record = asRecord(body, 'the list');
  if (!Array.isArray(record.resources)) {
    throw new BridgeUnavailableError('Bridge sent an unexpected answer: the list has no "resources"');
  }
  const pagination = record.pagination as Json | undefined;
  const next = pagination?.next_uri;
  // Some Bridge answers end with the string "null" instead of null: stop on null, missing, "" or "null".
  const nextUri = typeof next === 'string' && next !== '' && next !== 'null' ? next : null;
  return { resources: record.resources.map((item, index) => asRecord(item, `resource ${index}`)), nextUri };
}
