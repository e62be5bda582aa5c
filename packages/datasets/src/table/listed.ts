/** Long lists in warnings and errors: the first `limit` items, then how many more (a 600-task file must not print 600 names). */
export function listed<T>(items: readonly T[], show: (t: T) => string, limit = 50, sep = '; '): string {
  const head = items.slice(0, limit).map(show).join(sep);
  return items.length > limit ? `${head}${sep}… and ${items.length - limit} more` : head;
}
