import { PinnedClock } from '../../src/common/clock/clock.js';

/**
 * The instant every test world starts at: the product's clock and the Bridge sandbox's clock are both pinned here, so
 * the suite tells the same story whatever the machine's date (it also runs under faketime in CI).
 */
export const TEST_NOW = new Date('2026-11-26T09:00:00Z');

/** The test world's time, running on from TEST_NOW since this file was loaded: processes started by a test use it. */
export const testWorldClock = new PinnedClock(TEST_NOW);

export function testClock(start: Date = TEST_NOW): PinnedClock {
  return new PinnedClock(start);
}
