import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config.js';
import { BridgeClientBase } from './bridge-client.base.js';
import { BridgeHttp } from './bridge-http.js';
import { mapAccount, mapItem, mapTransactionPage, V2_FIELDS } from './bridge-mappers.js';
import { deriveBridgePassword } from './bridge-password.js';
import { BridgeRequestError } from './bridge.errors.js';
import type {
  BridgeAccount,
  BridgeBank,
  BridgeConnection,
  BridgeItem,
  BridgeToken,
  BridgeUser,
  ConnectSession,
  ItemSessionParams,
  NewConnectSessionParams,
  TransactionPage,
  TransactionQuery,
} from './bridge.types.js';
import { asRecord, id, optionalText, text, type Json } from './json-fields.js';
import { TokenCache } from './token-cache.js';

const ITEM_SESSION_PATHS = {
  sca: '/v2/connect/items/sync',
  bank_action: '/v2/connect/items/sync',
  credentials: '/v2/connect/items/edit',
  pro_validation: '/v2/connect/items/pro/confirmation',
} as const;

/**
 * Bridge-Version 2021-06-01: the user is the e-mail with a password computed from it (never stored);
 * responses carry explicit nulls and upper-case status infos.
 */
@Injectable()
export class BridgeV2Client extends BridgeClientBase {
  private readonly serverKey: Buffer;

  constructor(http: BridgeHttp, tokens: TokenCache, config: AppConfig) {
    super(http, tokens);
    this.serverKey = config.encryptionKey;
  }

  async ensureUser(connection: BridgeConnection, email: string): Promise<{ user: BridgeUser; created: boolean }> {
    const password = this.passwordOf(connection, email);
    try {
      const { body } = await this.http.request({
        connection,
        method: 'POST',
        path: '/v2/users',
        body: { email, password },
        secrets: [password],
      });
      return { user: { uuid: text(asRecord(body, 'the user'), 'uuid'), email }, created: true };
    } catch (error) {
      if (!(error instanceof BridgeRequestError && error.status === 409)) {
        throw error;
      }
    }
    // 409: the user exists. Authenticating with the computed password both proves it is ours and gives its uuid.
    const { body } = await this.http.request({
      connection,
      method: 'POST',
      path: '/v2/authenticate',
      body: { email, password },
      secrets: [password],
    });
    const record = asRecord(body, 'the token answer');
    const user = { uuid: text(asRecord(record.user, 'the token user'), 'uuid'), email };
    this.rememberToken(connection, user, this.tokenOf(body));
    return { user, created: false };
  }

  protected async authenticate(connection: BridgeConnection, user: BridgeUser): Promise<BridgeToken> {
    const password = this.passwordOf(connection, user.email);
    const { body } = await this.http.request({
      connection,
      method: 'POST',
      path: '/v2/authenticate',
      body: { email: user.email, password },
      secrets: [password],
    });
    return this.tokenOf(body);
  }

  protected override userSecrets(connection: BridgeConnection, user: BridgeUser): string[] {
    return [this.passwordOf(connection, user.email)];
  }

  async listItems(connection: BridgeConnection, user: BridgeUser): Promise<BridgeItem[]> {
    return (await this.userList(connection, user, '/v2/items', {})).map((row) => mapItem(row, V2_FIELDS));
  }

  async listAccounts(
    connection: BridgeConnection,
    user: BridgeUser,
    options: { itemId?: number } = {},
  ): Promise<BridgeAccount[]> {
    return (await this.userList(connection, user, '/v2/accounts', { item_id: options.itemId })).map((row) =>
      mapAccount(row, V2_FIELDS),
    );
  }

  async *transactionPages(
    connection: BridgeConnection,
    user: BridgeUser,
    query: TransactionQuery = {},
  ): AsyncGenerator<TransactionPage> {
    // v2 has a separate "updated" listing for changes (deletions included) and per-account paths.
    const scope = query.accountId !== undefined ? `/v2/accounts/${query.accountId}/transactions` : '/v2/transactions';
    const path = query.since ? `${scope}/updated` : scope;
    for await (const rows of this.userPages(connection, user, path, { limit: query.pageSize, since: query.since })) {
      yield mapTransactionPage(rows, V2_FIELDS);
    }
  }

  async listBanks(connection: BridgeConnection, options: { countryCodes?: string[] } = {}): Promise<BridgeBank[]> {
    const rows = await this.clientList(connection, '/v2/banks', {});
    const countries = new Set((options.countryCodes ?? []).map((code) => code.toUpperCase()));
    return rows.map(mapBank).filter((bank) => countries.size === 0 || countries.has(bank.countryCode));
  }

  async createConnectSession(
    connection: BridgeConnection,
    user: BridgeUser,
    params: NewConnectSessionParams,
  ): Promise<ConnectSession> {
    const body = await this.userRequest(connection, user, {
      method: 'POST',
      path: '/v2/connect/items/add',
      body: {
        country: params.countryCode.toLowerCase(),
        prefill_email: params.email,
        context: params.context,
        redirect_url: params.callbackUrl,
        ...(params.providerId !== undefined && { bank_id: params.providerId }),
      },
    });
    return { url: text(asRecord(body, 'the connect answer'), 'redirect_url') };
  }

  async createItemSession(
    connection: BridgeConnection,
    user: BridgeUser,
    params: ItemSessionParams,
  ): Promise<ConnectSession> {
    const body = await this.userRequest(connection, user, {
      method: 'GET',
      path: ITEM_SESSION_PATHS[params.reason],
      query: { item_id: params.itemId, context: params.context, redirect_url: params.callbackUrl },
    });
    return { url: text(asRecord(body, 'the connect answer'), 'redirect_url') };
  }

  private passwordOf(connection: BridgeConnection, email: string): string {
    return deriveBridgePassword(this.serverKey, connection.clientId, email);
  }
}

function mapBank(row: Json): BridgeBank {
  return {
    id: id(row, 'id'),
    name: text(row, 'name'),
    countryCode: (optionalText(row, 'country_code') ?? '').toUpperCase(),
    logoUrl: optionalText(row, 'logo_url'),
  };
}
