import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "./free-port";
import { PROJECT_ROOT } from "./test-env";

export interface RunningApp {
  url: string;
  port: number;
  process: ChildProcess;
  logs: () => string;
  /** The pid of the Next.js server process itself (scripts/start.mjs runs it as a child). */
  serverPid: () => number;
  stop: () => Promise<void>;
}

/**
 * Starts the built app (`npm start`'s script) on a free loopback port and waits until it answers.
 * `bareServer` runs Next's standalone server.js directly instead, without the server preload, as a
 * deployment that skipped `npm start` would.
 */
export async function startApp(
  env: Record<string, string>,
  options: { bareServer?: boolean } = {},
): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const entry = options.bareServer ? ".next/standalone/server.js" : "scripts/start.mjs";
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, entry)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: "production", APP_URL: url, ...env, PORT: String(port), HOSTNAME: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`app did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    port,
    process: child,
    logs: () => output,
    serverPid: () => {
      const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim().split(/\s+/);
      return Number(children[0]);
    },
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
