/**
 * The one source of the current time for the product (the clock seam): services inject `Clock` and never read the
 * system time themselves, so that tests pin it and the suite passes whatever the machine's date.
 */
export abstract class Clock {
  abstract now(): Date;

  nowMs(): number {
    return this.now().getTime();
  }
}

/** The machine's clock: what the service uses in production. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock pinned at an instant that then moves with real elapsed time (timeouts and durations still behave), and that
 * tests can move on purpose. Used by the tests and by tools that replay a scene at a chosen date.
 */
export class PinnedClock extends Clock {
  private readonly realStart = performance.now();
  private offsetMs = 0;

  constructor(private start: Date) {
    super();
  }

  now(): Date {
    return new Date(this.start.getTime() + (performance.now() - this.realStart) + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Jumps to this instant (then moves on with real time again). */
  set(instant: Date): void {
    this.start = instant;
    this.offsetMs = -(performance.now() - this.realStart);
  }
}
