/**
 * The sandbox clock: starts at `startTime`, then follows real time, plus any advance requested through the control
 * API. Token expiry, session expiry, SCA expiry, rate-limit windows and `updated_at` stamps all read it, so a test
 * can jump two hours ahead instead of waiting.
 */
export class SandboxClock {
  private readonly realStart = Date.now();
  private readonly start: number;
  private advancedMs = 0;

  constructor(startTime?: Date) {
    this.start = startTime ? startTime.getTime() : this.realStart;
  }

  nowMs(): number {
    return this.start + (Date.now() - this.realStart) + this.advancedMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(seconds: number): void {
    this.advancedMs += Math.round(seconds * 1000);
  }
}
