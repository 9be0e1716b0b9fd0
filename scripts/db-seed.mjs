// `npm run db:seed`: the demo catalog, accounts and files, with the same environment as the server.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { absolutizePaths, loadDotEnv } from "./lib/env-file.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
loadDotEnv(root);
absolutizePaths(root);
// react-server resolves `server-only` to a no-op, so the seed can use the domain modules themselves.
execFileSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "prisma/seed.ts"], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
