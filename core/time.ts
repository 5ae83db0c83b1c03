/**
 * Reads a time column the same way from both databases: MySQL gives a Date (the connection is UTC),
 * SQLite gives epoch milliseconds. Everything we store is UTC.
 */
export function readTime(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  if (typeof value === 'string') {
    const n = Number(value);
    if (Number.isFinite(n)) return new Date(n);
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  }
  throw new TypeError(`not a time value: ${String(value)}`);
}

export function isoTime(value: unknown): string | null {
  return readTime(value)?.toISOString() ?? null;
}
