import { BridgeHttp, BridgeTokenRejectedError, type BridgeCall } from './bridge-http.js';
import { BridgeClient } from './bridge.client.js';
import { BridgeAuthenticationError, BridgeUnavailableError } from './bridge.errors.js';
import type { BridgeConnection, BridgeToken, BridgeUser } from './bridge.types.js';
import { asRecord, page, text, type Json } from './json-fields.js';
import type { TokenCache } from './token-cache.js';

// A cursor loop that never ends would be a Bridge bug; stop long before memory or patience runs out.
const MAX_PAGES = 100_000;
/** Bridge's largest page. */
export const MAX_PAGE_SIZE = 500;

/** What both API versions share: user tokens with one retry on 401, and pagination. */
export abstract class BridgeClientBase extends BridgeClient {
  constructor(
    protected readonly http: BridgeHttp,
    private readonly tokens: TokenCache,
  ) {
    super();
  }

  /** Asks Bridge for a new token for this user. */
  protected abstract authenticate(connection: BridgeConnection, user: BridgeUser): Promise<BridgeToken>;

  /** Secrets of this version that must never reach a log for this user (v2: the derived password). */
  protected userSecrets(_connection: BridgeConnection, _user: BridgeUser): string[] {
    return [];
  }

  async getToken(connection: BridgeConnection, user: BridgeUser): Promise<BridgeToken> {
    const key = tokenKey(connection, user);
    const cached = this.tokens.get(key);
    if (cached) {
      return cached;
    }
    const token = await this.authenticate(connection, user);
    this.tokens.set(key, token);
    return token;
  }

  protected rememberToken(connection: BridgeConnection, user: BridgeUser, token: BridgeToken): void {
    this.tokens.set(tokenKey(connection, user), token);
  }

  /** A call made as the user: on a 401 the token is renewed once and the call retried once. */
  protected async userRequest(
    connection: BridgeConnection,
    user: BridgeUser,
    call: Omit<BridgeCall, 'connection' | 'accessToken'>,
  ): Promise<unknown> {
    const secrets = [...(call.secrets ?? []), ...this.userSecrets(connection, user)];
    const token = await this.getToken(connection, user);
    try {
      return (
        await this.http.request({
          ...call,
          connection,
          accessToken: token.accessToken,
          secrets: [...secrets, token.accessToken],
        })
      ).body;
    } catch (error) {
      if (!(error instanceof BridgeTokenRejectedError)) {
        throw error;
      }
      this.tokens.delete(tokenKey(connection, user));
      const fresh = await this.getToken(connection, user);
      try {
        return (
          await this.http.request({
            ...call,
            connection,
            accessToken: fresh.accessToken,
            secrets: [...secrets, fresh.accessToken],
          })
        ).body;
      } catch (retryError) {
        if (retryError instanceof BridgeTokenRejectedError) {
          this.tokens.delete(tokenKey(connection, user));
          throw new BridgeAuthenticationError(
            `Bridge refused a fresh token of user ${user.email} on Bridge configuration ${connection.configId}; check the client credentials and that the user still exists`,
          );
        }
        throw retryError;
      }
    }
  }

  /** Follows `next_uri` until the end, yielding each page's rows as they arrive. */
  protected async *pages(
    first: () => Promise<unknown>,
    next: (nextUri: string) => Promise<unknown>,
  ): AsyncGenerator<Json[]> {
    const seen = new Set<string>();
    let body = await first();
    for (let count = 1; ; count++) {
      const { resources, nextUri } = page(body);
      yield resources;
      if (!nextUri) {
        return;
      }
      if (seen.has(nextUri) || count >= MAX_PAGES) {
        throw new BridgeUnavailableError(
          `Bridge returned the page cursor ${nextUri} twice; the listing was stopped to avoid an endless loop`,
        );
      }
      seen.add(nextUri);
      body = await next(nextUri);
    }
  }

  protected async all(first: () => Promise<unknown>, next: (nextUri: string) => Promise<unknown>): Promise<Json[]> {
    const rows: Json[] = [];
    for await (const resources of this.pages(first, next)) {
      rows.push(...resources);
    }
    return rows;
  }

  /** A listing made as the user, page by page (`limit` = Bridge's maximum unless given). */
  protected userPages(
    connection: BridgeConnection,
    user: BridgeUser,
    path: string,
    query: Record<string, string | number | undefined>,
  ): AsyncGenerator<Json[]> {
    return this.pages(
      () =>
        this.userRequest(connection, user, {
          method: 'GET',
          path,
          query: { ...query, limit: query.limit ?? MAX_PAGE_SIZE },
        }),
      (nextUri) => this.userRequest(connection, user, { method: 'GET', path: nextUri, isNextUri: true }),
    );
  }

  protected async userList(
    connection: BridgeConnection,
    user: BridgeUser,
    path: string,
    query: Record<string, string | number | undefined>,
  ): Promise<Json[]> {
    const rows: Json[] = [];
    for await (const resources of this.userPages(connection, user, path, query)) rows.push(...resources);
    return rows;
  }

  /** A listing that needs the client headers only (banks, providers). */
  protected clientList(
    connection: BridgeConnection,
    path: string,
    query: Record<string, string | number | undefined>,
  ): Promise<Json[]> {
    return this.all(
      async () =>
        (
          await this.http.request({
            connection,
            method: 'GET',
            path,
            query: { ...query, limit: query.limit ?? MAX_PAGE_SIZE },
          })
        ).body,
      async (nextUri) => (await this.http.request({ connection, method: 'GET', path: nextUri, isNextUri: true })).body,
    );
  }

  protected tokenOf(body: unknown): BridgeToken {
    const record = asRecord(body, 'the token answer');
    const expiresAt = new Date(text(record, 'expires_at'));
    if (Number.isNaN(expiresAt.getTime())) {
      throw new BridgeUnavailableError('Bridge sent an unexpected answer: "expires_at" is not a date');
    }
    return { accessToken: text(record, 'access_token'), expiresAt };
  }
}

function tokenKey(connection: BridgeConnection, user: BridgeUser): string {
  return `${connection.configId}:${connection.clientId}:${user.uuid}`;
}
