// better-sqlite3 is a native module: `npm ci` downloads a prebuilt binary or, where it cannot (no access
// to GitHub, or a Node.js without one), compiles it, which needs python3, make and g++. When neither
// worked, its error surfaces deep inside the first query; this says what to do instead, in one line.
import { createRequire } from "node:module";

const FIX = "install python3, make and g++, then run `npm rebuild better-sqlite3`";

/** The one line to print when `error` comes from better-sqlite3's native module failing to load; else null. */
export function sqliteNativeProblem(error) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  let cause;
  if (message.includes("Could not locate the bindings file")) cause = "it was never compiled";
  else if (message.includes("NODE_MODULE_VERSION")) cause = "it was compiled for another Node.js version";
  else if (code === "ERR_DLOPEN_FAILED" && message.includes("better_sqlite3")) cause = "it cannot be loaded";
  else return null;
  return `better-sqlite3's native module did not build (${cause}): ${FIX}.`;
}

/**
 * Opens an in-memory database with the better-sqlite3 that `from` (a file path) resolves, which loads
 * the native module; exits with the one line when it cannot.
 */
export function assertSqliteNative(from, prefix = "Bindery cannot start") {
  try {
    const Database = createRequire(from)("better-sqlite3");
    new Database(":memory:").close();
  } catch (error) {
    const problem = sqliteNativeProblem(error);
    if (problem === null) throw error;
    console.error(`${prefix}: ${problem}`);
    process.exit(1);
  }
}
