/**
 * Runs `fn` on every item: the first one alone, then the others concurrently (the bounded port
 * keeps the service's rate). An area whose operation the backend does not implement, or a target
 * that refuses it, thus costs one call instead of one per entity.
 */
export async function fanOut<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const [first, ...rest] = items;
  if (first === undefined) return [];
  const head = await fn(first);
  return [head, ...(await Promise.all(rest.map(fn)))];
}
