// `npm run dev`: Next's development server with the same server preload as `npm start`
// (scripts/server-preload.cjs), so client addresses and download lengths behave as in production.
// Through NODE_OPTIONS, which Next passes on to the server process it forks.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const preload = path.join(root, "scripts/server-preload.cjs");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(preload)}`].filter(Boolean).join(" ");

const child = spawn(process.execPath, [nextBin, "dev", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_OPTIONS: nodeOptions },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
