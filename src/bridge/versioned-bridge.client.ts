import { Injectable } from '@nestjs/common';

import { BridgeV2Client } from './bridge-v2.client.js';
import { BridgeV3Client } from './bridge-v3.client.js';
import { BridgeClient } from './bridge.client.js';
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

/** The provided BridgeClient: each call goes to the implementation of its configuration's API version. */
@Injectable()
export class VersionedBridgeClient extends BridgeClient {
  constructor(
    private readonly v2: BridgeV2Client,
    private readonly v3: BridgeV3Client,
  ) {
    super();
  }

  private for(connection: BridgeConnection): BridgeClient {
    return connection.version === '2021-06-01' ? this.v2 : this.v3;
  }

  ensureUser(connection: BridgeConnection, email: string): Promise<{ user: BridgeUser; created: boolean }> {
    return this.for(connection).ensureUser(connection, email);
  }

  getToken(connection: BridgeConnection, user: BridgeUser): Promise<BridgeToken> {
    return this.for(connection).getToken(connection, user);
  }

  listItems(connection: BridgeConnection, user: BridgeUser): Promise<BridgeItem[]> {
    return this.for(connection).listItems(connection, user);
  }

  listAccounts(
    connection: BridgeConnection,
    user: BridgeUser,
    options?: { itemId?: number },
  ): Promise<BridgeAccount[]> {
    return this.for(connection).listAccounts(connection, user, options);
  }

  transactionPages(
    connection: BridgeConnection,
    user: BridgeUser,
    query?: TransactionQuery,
  ): AsyncIterable<TransactionPage> {
    return this.for(connection).transactionPages(connection, user, query);
  }

  listBanks(connection: BridgeConnection, options?: { countryCodes?: string[] }): Promise<BridgeBank[]> {
    return this.for(connection).listBanks(connection, options);
  }

  createConnectSession(
    connection: BridgeConnection,
    user: BridgeUser,
    params: NewConnectSessionParams,
  ): Promise<ConnectSession> {
    return this.for(connection).createConnectSession(connection, user, params);
  }

  createItemSession(
    connection: BridgeConnection,
    user: BridgeUser,
    params: ItemSessionParams,
  ): Promise<ConnectSession> {
    return this.for(connection).createItemSession(connection, user, params);
  }
}
