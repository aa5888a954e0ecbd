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

/**
 * The contract of the Bridge provider, and its injection token. Modules depend on this class only; the
 * implementation for each Bridge configuration is chosen by its API version. Every method returns our own types,
 * never Bridge's JSON, and fails with the errors of bridge.errors.ts.
 */
export abstract class BridgeClient {
  /** Finds the Bridge user of an e-mail, or creates it (`created` tells which). */
  abstract ensureUser(connection: BridgeConnection, email: string): Promise<{ user: BridgeUser; created: boolean }>;

  /** A user token, from the cache while it is valid for at least another minute. */
  abstract getToken(connection: BridgeConnection, user: BridgeUser): Promise<BridgeToken>;

  abstract listItems(connection: BridgeConnection, user: BridgeUser): Promise<BridgeItem[]>;

  abstract listAccounts(
    connection: BridgeConnection,
    user: BridgeUser,
    options?: { itemId?: number },
  ): Promise<BridgeAccount[]>;

  /**
   * Transactions page by page, as Bridge sends them (whole history, or only the changes since an instant,
   * deletions included), so that callers can write each page before the next arrives. Rows with a value the service
   * cannot store come apart, in `rejected`.
   */
  abstract transactionPages(
    connection: BridgeConnection,
    user: BridgeUser,
    query?: TransactionQuery,
  ): AsyncIterable<TransactionPage>;

  /** The banks (providers) users can connect, optionally for some countries only. */
  abstract listBanks(connection: BridgeConnection, options?: { countryCodes?: string[] }): Promise<BridgeBank[]>;

  /** The hosted funnel to connect a new bank. */
  abstract createConnectSession(
    connection: BridgeConnection,
    user: BridgeUser,
    params: NewConnectSessionParams,
  ): Promise<ConnectSession>;

  /** The hosted funnel for an existing item: SCA renewal, new credentials, action at the bank, pro validation. */
  abstract createItemSession(
    connection: BridgeConnection,
    user: BridgeUser,
    params: ItemSessionParams,
  ): Promise<ConnectSession>;
}

/** Item statuses that need the user in the funnel (docs/rules.md#re-authentication): wrong credentials, action at the bank, SCA, pro validation. */
export const USER_ACTION_STATUSES: ReadonlySet<number> = new Set([402, 429, 1010, 1100]);
