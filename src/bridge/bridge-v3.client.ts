import { Injectable } from '@nestjs/common';

import { BridgeClientBase } from './bridge-client.base.js';
import { BridgeHttp } from './bridge-http.js';
import { mapAccount, mapItem, mapTransactionPage, V3_FIELDS } from './bridge-mappers.js';
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
import { asRecord, id, optionalText, page, text, type Json } from './json-fields.js';
import { TokenCache } from './token-cache.js';

const BASE = '/v3/aggregation';

/** Bridge-Version 2025-01-15: the e-mail is the user's external_user_id; responses omit nulls. */
@Injectable()
export class BridgeV3Client extends BridgeClientBase {
  constructor(http: BridgeHttp, tokens: TokenCache) {
    super(http, tokens);
  }

  async ensureUser(connection: BridgeConnection, email: string): Promise<{ user: BridgeUser; created: boolean }> {
    const existing = await this.findUser(connection, email);
    if (existing) {
      return { user: existing, created: false };
    }
    try {
      const { body } = await this.http.request({
        connection,
        method: 'POST',
        path: `${BASE}/users`,
        body: { external_user_id: email },
      });
      return { user: { uuid: text(asRecord(body, 'the user'), 'uuid'), email }, created: true };
    } catch (error) {
      // Created meanwhile by another instance: reuse it.
      if (error instanceof BridgeRequestError && error.status === 409) {
        const raced = await this.findUser(connection, email);
        if (raced) return { user: raced, created: false };
      }
      throw error;
    }
  }

  protected async authenticate(connection: BridgeConnection, user: BridgeUser): Promise<BridgeToken> {
    const { body } = await this.http.request({
      connection,
      method: 'POST',
      path: `${BASE}/authorization/token`,
      body: { user_uuid: user.uuid },
    });
    return this.tokenOf(body);
  }

  async listItems(connection: BridgeConnection, user: BridgeUser): Promise<BridgeItem[]> {
    const rows = await this.userList(connection, user, `${BASE}/items`, {});
    return rows.map((row) => mapItem(row, V3_FIELDS));
  }

  async listAccounts(
    connection: BridgeConnection,
    user: BridgeUser,
    options: { itemId?: number } = {},
  ): Promise<BridgeAccount[]> {
    const rows = await this.userList(connection, user, `${BASE}/accounts`, { item_id: options.itemId });
    return rows.map((row) => mapAccount(row, V3_FIELDS));
  }

  async *transactionPages(
    connection: BridgeConnection,
    user: BridgeUser,
    query: TransactionQuery = {},
  ): AsyncGenerator<TransactionPage> {
    const filters = { limit: query.pageSize, account_id: query.accountId, since: query.since };
    for await (const rows of this.userPages(connection, user, `${BASE}/transactions`, filters)) {
      yield mapTransactionPage(rows, V3_FIELDS);
    }
  }

  async listBanks(connection: BridgeConnection, options: { countryCodes?: string[] } = {}): Promise<BridgeBank[]> {
    // Providers live beside the aggregation domain, at /v3/providers, and need the client headers only.
    const countries = options.countryCodes?.length ? options.countryCodes : [undefined];
    const banks: BridgeBank[] = [];
    for (const country of countries) {
      const rows = await this.clientList(connection, '/v3/providers', { country_code: country });
      banks.push(...rows.map(mapProvider));
    }
    return banks;
  }

  async createConnectSession(
    connection: BridgeConnection,
    user: BridgeUser,
    params: NewConnectSessionParams,
  ): Promise<ConnectSession> {
    return this.connectSession(connection, user, {
      user_email: params.email,
      country_code: params.countryCode.toUpperCase(),
      callback_url: params.callbackUrl,
      context: params.context,
      // Savings and card accounts may feed a journal too (account types setting): ask for all of them.
      account_types: 'all',
      ...(params.providerId !== undefined && { provider_id: params.providerId }),
    });
  }

  async createItemSession(
    connection: BridgeConnection,
    user: BridgeUser,
    params: ItemSessionParams,
  ): Promise<ConnectSession> {
    // One endpoint serves every repair (SCA, credentials, bank action, pro validation): Bridge picks the step from the item.
    return this.connectSession(connection, user, {
      user_email: params.email,
      item_id: params.itemId,
      callback_url: params.callbackUrl,
      context: params.context,
      ...(params.countryCode && { country_code: params.countryCode.toUpperCase() }),
    });
  }

  private async connectSession(connection: BridgeConnection, user: BridgeUser, body: Json): Promise<ConnectSession> {
    const answer = await this.userRequest(connection, user, { method: 'POST', path: `${BASE}/connect-sessions`, body });
    return { url: text(asRecord(answer, 'the connect session'), 'url') };
  }

  private async findUser(connection: BridgeConnection, email: string): Promise<BridgeUser | null> {
    const { body } = await this.http.request({
      connection,
      method: 'GET',
      path: `${BASE}/users`,
      query: { external_user_id: email },
    });
    const match = page(body).resources.find((row) => row.external_user_id === email);
    return match ? { uuid: text(match, 'uuid'), email } : null;
  }
}

function mapProvider(row: Json): BridgeBank {
  const images = row.images as Json | undefined;
  return {
    id: id(row, 'id'),
    name: text(row, 'name'),
    countryCode: optionalText(row, 'country_code') ?? '',
    logoUrl: images ? optionalText(images, 'logo') : null,
  };
}
