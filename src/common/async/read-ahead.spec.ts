import { describe, expect, it } from '@jest/globals';

import { readAhead } from './read-ahead.js';

/** A source that records when each item is asked for and when the caller finished with the one before. */
function pages(count: number, failAt?: number) {
  const events: string[] = [];
  let closed = false;
  async function* source() {
    try {
      for (let page = 1; page <= count; page++) {
        events.push(`fetch ${page}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (page === failAt) throw new Error(`page ${page} failed`);
        yield page;
      }
    } finally {
      closed = true;
    }
  }
  return { source: source(), events, closed: () => closed };
}

describe('readAhead', () => {
  it('should fetch the next page while the caller writes this one, in order, each page once', async () => {
    const { source, events } = pages(3);
    const seen: number[] = [];
    for await (const page of readAhead(source)) {
      events.push(`write ${page} starts`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push(`write ${page} ends`);
      seen.push(page);
    }
    expect(seen).toEqual([1, 2, 3]);
    // Page 2 is asked for before the write of page 1 ends.
    expect(events.indexOf('fetch 2')).toBeLessThan(events.indexOf('write 1 ends'));
    expect(events.filter((event) => event.startsWith('fetch'))).toEqual(['fetch 1', 'fetch 2', 'fetch 3']);
  });

  it('should let the caller finish the pages before a failed one, then throw its error', async () => {
    const { source } = pages(4, 3);
    const written: number[] = [];
    await expect(
      (async () => {
        for await (const page of readAhead(source)) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          written.push(page);
        }
      })(),
    ).rejects.toThrow('page 3 failed');
    expect(written).toEqual([1, 2]);
  });

  it('should close the source when the caller stops early', async () => {
    const { source, closed } = pages(5);
    for await (const page of readAhead(source)) {
      if (page === 2) break;
    }
    expect(closed()).toBe(true);
  });
});
