/**
 * Iterates `source` one item ahead: while the caller works on an item (writes a page of Bridge's listing), the next
 * one is already being produced (fetched and read). Items come in order, each once; an error of the source surfaces
 * where that item would have come, after the caller has finished with the items before it. Stopping early (break, a
 * throw in the caller) waits for the item in flight, then closes the source.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  const ask = () => {
    const next = iterator.next();
    // Awaited below; until then, a failure must not count as unhandled.
    next.catch(() => undefined);
    return next;
  };
  let pending = ask();
  let finished = false;
  try {
    for (;;) {
      const result = await pending;
      if (result.done) {
        finished = true;
        return;
      }
      pending = ask();
      yield result.value;
    }
  } catch (error) {
    finished = true;
    throw error;
  } finally {
    if (!finished) {
      await pending.catch(() => undefined);
      await iterator.return?.();
    }
  }
}
