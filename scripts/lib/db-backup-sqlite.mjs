// SQLite backups with `VACUUM INTO` rather than the online backup API (`db.backup()`):
// - VACUUM INTO copies inside one read transaction, so the copy is the database as of that transaction's
//   start. In WAL mode (the app sets it) a reader never blocks the writer, so orders keep committing.
// - The backup API copies a few pages per step and, when another connection writes between steps,
//   starts over; with a shop taking orders continuously a large database may never finish.
// - The copy is compacted and in rollback-journal mode (journal_mode=delete): one self-contained file,
//   with no -wal beside it to forget. The app turns WAL back on when it opens a restored file.
// In rollback mode (a database the app never opened) the read transaction makes writers wait for the
// copy instead; they wait within their busy timeout rather than fail.
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { BackupError } from "./db-backup-target.mjs";

const BUSY_TIMEOUT_MS = 10_000;

/** Copies the SQLite file at `source` into `temporary` (which must not exist) and checks the copy. */
export function backupSqlite(projectRoot, source, temporary) {
  const Database = createRequire(projectRoot + "/package.json")("better-sqlite3");
  if (!existsSync(source) || !statSync(source).isFile()) throw new BackupError(`no database file at ${source}`);
  let db;
  try {
    // Read-only: a backup must never change the shop's database, not even its journal mode.
    db = new Database(source, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    db.prepare("VACUUM INTO ?").run(temporary);
  } catch (error) {
    throw new BackupError(`cannot copy ${source}: ${error instanceof Error ? error.message : error}`);
  } finally {
    db?.close();
  }
  verifySqlite(Database, temporary);
}

function verifySqlite(Database, file) {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems = copy.pragma("integrity_check").map((row) => row.integrity_check);
    if (problems.length !== 1 || problems[0] !== "ok") {
      throw new BackupError(`the copy failed PRAGMA integrity_check: ${problems.slice(0, 3).join("; ")}`);
    }
  } finally {
    copy.close();
  }
}
