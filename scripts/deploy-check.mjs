// `npm run deploy:check -- <base-url>`: probes a running deployment through its public URL and prints
// PASS/FAIL per check, with a one-line fix under each FAIL. Exit code 1 when anything failed.
// Run it on the server, as the app's user, with the production .env (it signs a self-test link with
// AUTH_SECRET and compares the bytes served with the canary file under PROTECTED_ROOT).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runChecks } from "../deploy/check/checks.mjs";
import { absolutizePaths, loadDotEnv } from "./lib/env-file.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function usage(message) {
  console.error(`${message}\nUsage: npm run deploy:check -- <base-url>   e.g. https://shop.example.com`);
  process.exit(2);
}

async function main() {
  const [arg] = process.argv.slice(2);
  if (!arg) usage("deploy:check: the public base URL is missing.");
  let base;
  try {
    base = new URL(arg);
  } catch {
    usage(`deploy:check: ${JSON.stringify(arg)} is not a URL.`);
  }
  if (base.protocol !== "http:" && base.protocol !== "https:")
    usage("deploy:check: the URL must start with http:// or https://");

  loadDotEnv(root);
  absolutizePaths(root);
  const secret = process.env.AUTH_SECRET;
  if (!secret) {
    console.error(
      "deploy:check: AUTH_SECRET is not set. Run it on the server with the app's .env (or export the app's " +
        "environment).",
    );
    process.exit(2);
  }
  const backend = process.env.SENDFILE_BACKEND || "node";
  console.log(`deploy:check ${base.origin} (SENDFILE_BACKEND=${backend})`);
  if (backend === "node")
    console.log("note: SENDFILE_BACKEND=node: the app streams files itself; the web server does not send them.");

  const results = await runChecks({
    base,
    secret,
    backend,
    protectedRoot: process.env.PROTECTED_ROOT,
    sendfileUrl: process.env.SENDFILE_URL || "/_protected/",
    appPort: Number(process.env.PORT || 3000),
    projectRoot: root,
  });
  for (const result of results) {
    console.log(`${result.status.padEnd(4)}  ${result.title}${result.detail ? ` (${result.detail})` : ""}`);
    if (result.fix) console.log(`      fix: ${result.fix}`);
  }
  const failed = results.filter((result) => result.status === "FAIL").length;
  const passed = results.filter((result) => result.status === "PASS").length;
  console.log(`${passed} passed, ${failed} failed, ${results.length - passed - failed} skipped`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`deploy:check: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
