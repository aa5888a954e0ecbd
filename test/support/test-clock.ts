import { PinnedClock } from '../../src/common/clock/clock.js';

/**
 * The instant every test world starts at: the product's clock and the Bridge sandbox's clock are both pinned here, so
 * the suite tells the same story whatever the machine's date (it also runs under faketime in CI).
 */
export const TEST_NOW = new Date('2026-11-26T09:00:00Z');

export function testClock(start: Date = TEST_NOW): PinnedClock {
  return new PinnedClock(start);
}
