// `npm run demo`: a working shop on http://localhost:3000 from a fresh clone. Writes .env (with a
// generated AUTH_SECRET and the local Stripe emulator's keys) once, migrates, seeds, builds when the
// sources changed, then runs the Stripe emulator and the store until Ctrl-C. Safe to run again.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { databaseProviderOf } from "./lib/database.mjs";
import { loadDotEnv } from "./lib/env-file.mjs";
import { assertSqliteNative } from "./lib/sqlite-native.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PORT = process.env.PORT ?? "3000";
const EMULATOR_PORT = process.env.STRIPE_EMULATOR_PORT ?? "12111";

function writeDemoEnv() {
  const file = path.join(root, ".env");
  if (existsSync(file)) return;
  writeFileSync(
    file,
    [
      "# Written by `npm run demo`. Safe to edit; delete it to start over.",
      `AUTH_SECRET=${randomBytes(32).toString("hex")}`,
      `APP_URL=http://localhost:${PORT}`,
      "STRIPE_SECRET_KEY=sk_test_bindery_emulator",
      `STRIPE_WEBHOOK_SECRET=whsec_${randomBytes(24).toString("hex")}`,
      `STRIPE_API_URL=http://127.0.0.1:${EMULATOR_PORT}`,
      "",
    ].join("\n"),
  );
  console.log("Wrote .env with a generated AUTH_SECRET and the Stripe emulator's keys.");
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const buildId = path.join(root, ".next/standalone/.next/BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sources = Math.max(...["app", "lib", "prisma"].map((dir) => newestSource(path.join(root, dir))));
  if (built > sources) return;
  console.log("Building the store (about half a minute)…");
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}

const run = (script) => execFileSync(process.execPath, [path.join(root, script)], { cwd: root, stdio: "inherit" });

writeDemoEnv();
loadDotEnv(root);
if (databaseProviderOf(process.env.DATABASE_URL || "file:") === "sqlite")
  assertSqliteNative(path.join(root, "package.json"));
run("scripts/db-migrate.mjs");
run("scripts/db-seed.mjs");
buildIfStale();

const children = [];
const emulator = path.join(root, "scripts/stripe-emulator/server.mjs");
if (existsSync(emulator)) {
  children.push(
    spawn(process.execPath, [emulator], {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        STRIPE_EMULATOR_PORT: EMULATOR_PORT,
        STRIPE_WEBHOOK_URL: `http://127.0.0.1:${PORT}/api/stripe/webhook`,
        STRIPE_EMULATOR_PUBLIC_URL: `http://localhost:${EMULATOR_PORT}`,
      },
    }),
  );
}
children.push(
  spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PORT },
  }),
);

setTimeout(() => {
  console.log(`
  Bindery is running at http://localhost:${PORT}

  Demo accounts (email / password):
    admin    admin@example.com   bindery-admin-demo    books, files, users, orders
    staff    staff@example.com   bindery-staff-demo    orders, refunds, download logs
    reader   reader@example.com  bindery-reader-demo   owns three books: see /library

  Try:
    - search the catalog, open "Ωmega — Les Misérables 日本語" (a non-ASCII file name)
    - sign in as the reader, open My library, download a PDF, copy a signed link
    - add books to the cart as a guest and check out on the Stripe emulator's test page
    - sign in as admin and open /admin

  Ctrl-C stops everything.
`);
}, 2500);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of children) child.kill("SIGTERM");
    process.exit(0);
  });
}
for (const child of children) child.on("exit", (code) => code && process.exit(code));
