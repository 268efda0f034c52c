/** How many detail calls a list keeps in flight when it fetches per-item details (`user list --fields jobTitle`). */
const DETAIL_CONCURRENCY = 8;

/**
 * Maps a stream with up to `concurrency` calls of `fn` in flight, yielding the results in the
 * source's order as soon as each is ready: a list that needs one call per row (DescribeUser for
 * `--fields jobTitle`) still streams, and the service sees a bounded number of requests.
 */
export async function* mapOrdered<T, R>(
  source: AsyncIterable<T>,
  fn: (item: T) => Promise<R>,
  concurrency = DETAIL_CONCURRENCY,
): AsyncGenerator<R, void, undefined> {
  const window: Array<Promise<R>> = [];
  try {
    for await (const item of source) {
      const p = fn(item);
      // A rejection is seen when its turn comes; until then it must not count as unhandled.
      p.catch(() => undefined);
      window.push(p);
      if (window.length >= concurrency) yield await (window.shift() as Promise<R>);
    }
    while (window.length > 0) yield await (window.shift() as Promise<R>);
  } finally {
    window.length = 0;
  }
}
