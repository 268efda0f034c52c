/**
 * Streams the items of a paginated WorkMail list: one page at a time, so the first row can be
 * printed before the last page is fetched. An empty or missing NextToken ends the listing, as the
 * SDK's own paginators do.
 */
export async function* paginate<T, K extends string>(
  fetchPage: (
    nextToken: string | undefined,
  ) => Promise<{ NextToken?: string | undefined } & { [P in K]?: T[] | undefined }>,
  resultKey: K,
): AsyncGenerator<T, void, undefined> {
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetchPage(token);
    for (const item of page[resultKey] ?? []) yield item;
    token = page.NextToken === "" ? undefined : page.NextToken;
    if (token !== undefined) {
      if (seen.has(token)) throw new Error(`the service returned the same NextToken twice while listing ${resultKey}`);
      seen.add(token);
    }
  } while (token !== undefined);
}

/** Collects a paginated list (for small lists only: members, aliases, delegates). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The items of a stream that pass `keep`, still streamed. */
export async function* filterItems<T>(
  items: AsyncIterable<T>,
  keep: (item: T) => boolean,
): AsyncGenerator<T, void, undefined> {
  for await (const item of items) if (keep(item)) yield item;
}
