// A stand-in for a shop taking orders, in its own process: commits one order at a time, ids
// `wrt_000001`, `wrt_000002`, … in order, so what is committed is always a prefix of that sequence.
// Usage: node order-writer.mjs <DATABASE_URL>. Prints "ready" after the first commit; on "stop" (stdin)
// prints one JSON line {committed, errors} and exits. SQLite runs with no busy timeout, so any moment a
// backup held a lock the writer needed shows up as an error here instead of a silent wait.
import { createInterface } from "node:readline";
import { createRequire } from "node:module";

const url = process.argv[2] ?? "";
const require = createRequire(import.meta.url);
const id = (n) => `wrt_${String(n).padStart(6, "0")}`;
const errors = [];
let committed = 0;
let stopping = false;

async function sqliteInsert() {
  const Database = require("better-sqlite3");
  const db = new Database(url.slice("file:".length), { timeout: 0 });
  db.pragma("synchronous = NORMAL");
  const insert = db.prepare(
    `INSERT INTO "Order" (id, email, status, currency, subtotalCents, totalCents, createdAt, updatedAt)
     VALUES (?, 'writer@example.com', 'PENDING', 'usd', 100, 100, ?, ?)`,
  );
  return { insert: async (n, now) => insert.run(id(n), now, now), close: async () => db.close() };
}

async function postgresInsert() {
  const pg = require("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sql = `INSERT INTO "Order"
                 (id, email, status, currency, "subtotalCents", "totalCents", "createdAt", "updatedAt")
               VALUES ($1, 'writer@example.com', 'PENDING', 'usd', 100, 100, $2, $2)`;
  return { insert: (n, now) => client.query(sql, [id(n), now]), close: () => client.end() };
}

const store = url.startsWith("file:") ? await sqliteInsert() : await postgresInsert();
const commands = createInterface({ input: process.stdin });
commands.on("line", (line) => {
  if (line.trim() === "stop") stopping = true;
});
commands.on("close", () => (stopping = true));

while (!stopping) {
  try {
    await store.insert(committed + 1, new Date().toISOString());
    committed += 1;
    if (committed === 1) console.log("ready");
  } catch (error) {
    errors.push(String(error instanceof Error ? `${error.code ?? ""} ${error.message}` : error));
    // A writer that cannot start (a leftover row under its first id) must not spin forever.
    if (committed === 0 || errors.length > 100) break;
  }
  // About a thousand orders a second: continuous, without taking a whole core from the backup.
  await new Promise((resolve) => setTimeout(resolve, 1));
}
commands.close();
await store.close();
console.log(JSON.stringify({ committed, errors }));
