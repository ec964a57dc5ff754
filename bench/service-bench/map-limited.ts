/** `request` over every item, at most `parallel` in flight; results in the items' order. */
export async function mapLimited<I, T>(items: readonly I[], parallel: number, request: (item: I, index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await request(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, lane));
  return results;
}
