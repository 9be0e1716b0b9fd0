// The SQLite side: one read transaction for the whole copy, so a shop that keeps selling while it runs is
// copied as it was at one instant (in WAL mode its writers carry on; the copy sees none of their commits).
import Database from "better-sqlite3";

const quote = (name) => `"${name.replaceAll('"', '""')}"`;

/** Opens `file` read-only and starts the read transaction every later read belongs to. */
export function openSqliteSource(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  db.exec("BEGIN");
  // A deferred transaction takes its snapshot at its first read; take it now, before anything is counted.
  db.prepare("SELECT count(*) FROM sqlite_master").get();

  return {
    /** Bindery's tables and their columns: everything but SQLite's and Prisma's own bookkeeping. */
    tables() {
      const names = db
        .prepare(
          `SELECT name FROM sqlite_master
           WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
        )
        .pluck()
        .all();
      return new Map(names.map((name) => [name, db.pragma(`table_info(${quote(name)})`).map((column) => column.name)]));
    },
    count(table) {
      return Number(
        db
          .prepare(`SELECT count(*) FROM ${quote(table)}`)
          .pluck()
          .get(),
      );
    },
    /** The rows of `table` as arrays in `columns` order, integers as BigInt so none loses precision. */
    rows(table, columns) {
      return db
        .prepare(`SELECT ${columns.map(quote).join(", ")} FROM ${quote(table)}`)
        .raw(true)
        .safeIntegers(true)
        .iterate();
    },
    close() {
      if (db.inTransaction) db.exec("COMMIT");
      db.close();
    },
  };
}
