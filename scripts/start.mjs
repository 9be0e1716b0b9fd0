// `npm start`: the production server from Next.js's standalone output, with the peer-address preload.
import { existsSync } from "node:fs";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { absolutizePaths, loadDotEnv } from "./lib/env-file.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const server = path.join(root, ".next/standalone/server.js");
if (!existsSync(server)) {
  console.error("No production build found. Run `npm run build` first.");
  process.exit(1);
}
loadDotEnv(root);
absolutizePaths(root);
process.env.NODE_ENV = "production";
// Loopback by default: the app port is for the web server in front, never for the public.
process.env.HOSTNAME ??= "127.0.0.1";
process.env.PORT ??= "3000";

const child = spawn(process.execPath, ["--require", path.join(root, "scripts/peer-address.cjs"), server], {
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
