import session from 'express-session';
import { LessThan, type DataSource } from 'typeorm';

import { AdminSession } from '../src/admin-accounts/admin-session.entity.js';
import type { Clock } from '../src/common/clock/clock.js';

const DEFAULT_TTL_MS = 8 * 3600_000;

/** express-session store on our database: shared by every instance, kept across restarts, purged as it goes. */
export class TypeormSessionStore extends session.Store {
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super();
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void): void {
    this.repository()
      .findOneBy({ sid })
      .then((row) =>
        callback(
          null,
          row && row.expiresAt.getTime() > this.clock.nowMs() ? (JSON.parse(row.data) as session.SessionData) : null,
        ),
      )
      .catch((error: unknown) => callback(error));
  }

  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    const expiresAt = data.cookie?.expires
      ? new Date(data.cookie.expires)
      : new Date(this.clock.nowMs() + DEFAULT_TTL_MS);
    this.repository()
      .upsert({ sid, expiresAt, data: JSON.stringify(data) }, ['sid'])
      .then(() => this.purgeExpired())
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.repository()
      .delete({ sid })
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.set(sid, data, () => callback?.());
  }

  private repository() {
    return this.dataSource.getRepository(AdminSession);
  }

  // At most once an hour, on a write: no timer to stop, no work on reads.
  private async purgeExpired(): Promise<void> {
    const now = this.clock.now();
    if (now.getTime() - this.lastPurge < 3600_000) return;
    this.lastPurge = now.getTime();
    await this.repository().delete({ expiresAt: LessThan(now) });
  }
}
