import type { Knex } from 'knex';

/** What this module needs of the two drivers' connections (mysql2 and better-sqlite3). */
interface MysqlConnection {
  query(sql: string, values: readonly unknown[], done: (err: Error | null) => void): void;
}
interface SqliteStatement {
  run(...params: unknown[]): unknown;
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/** Prepared SQLite statements per connection (a pool may replace its connection). */
const prepared = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

/** The embedded database (server/db.ts builds knex on better-sqlite3 for `sqlite:` URLs). */
export function isSqlite(db: Knex): boolean {
  return db.client.config.client === 'better-sqlite3';
}

/** Values as knex's better-sqlite3 dialect binds them, so rows read the same whichever way they were written. */
function sqliteValue(v: unknown): unknown {
  if (v instanceof Date) return v.valueOf();
  if (typeof v === 'boolean') return Number(v);
  return v;
}

/**
 * Runs one write statement (`?` placeholders) on a connection of the knex pool, through the
 * driver's own call rather than knex's query builder. For the hottest writes only (chat messages
 * and their delivery receipts): a 16-row message INSERT allocated 5.4 KB per row through `knex.raw`
 * and 3.0 KB through mysql2's `query` (the same text protocol and escaping), and on a busy chat node
 * every byte allocated brings the next GC pause closer. Taking the connection from the pool keeps
 * transactions, the pool size and SQLite's single writer as they are.
 */
export async function runWrite(db: Knex, sql: string, bindings: readonly unknown[]): Promise<void> {
  const client = db.client as Knex.Client;
  const connection: unknown = await client.acquireConnection();
  try {
    if (isSqlite(db)) {
      const conn = connection as SqliteConnection;
      let statements = prepared.get(conn);
      if (!statements) prepared.set(conn, (statements = new Map()));
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = conn.prepare(sql)));
      statement.run(...bindings.map(sqliteValue));
    } else {
      await new Promise<void>((resolve, reject) => (connection as MysqlConnection).query(sql, bindings, (err) => (err ? reject(err) : resolve())));
    }
  } finally {
    await client.releaseConnection(connection);
  }
}
