import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "../tests/helpers/free-port";
import { PROJECT_ROOT } from "../tests/helpers/test-env";

export interface RunningPeer {
  port: number;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * Django under gunicorn (2 workers, Debian's packages) on the same SQLite file: bench/peers/django.
 * `tuned`: a persistent connection and synchronous=NORMAL instead of Django's defaults.
 */
export async function startDjangoPeer(env: Record<string, string>, { tuned = false } = {}): Promise<RunningPeer> {
  const port = await freePort();
  const child = spawn(
    "gunicorn",
    [
      "--workers",
      "2",
      "--bind",
      `127.0.0.1:${port}`,
      "--chdir",
      path.join(PROJECT_ROOT, "bench/peers/django"),
      "peer.wsgi:application",
    ],
    {
      env: { ...process.env, ...env, DJANGO_SETTINGS_MODULE: "peer.settings", PEER_TUNED: tuned ? "1" : "0" },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let log = "";
  child.stderr?.on("data", (chunk) => (log += chunk));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gunicorn exited: ${log}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/downloads/x`).then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`gunicorn did not start: ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
