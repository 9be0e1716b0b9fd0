import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";

export interface RunningServer {
  url: string;
  port: number;
  /** The server's own output and error log, for failure messages. */
  logs: () => string;
  stop: () => Promise<void>;
}

export const IS_ROOT = process.getuid?.() === 0;
/** Debian's web server account; the servers that can drop privileges run their workers as it. */
export const WEB_USER = "www-data";

/** A directory the web server's unprivileged workers may write to (temp files, uploads). */
export function workerWritableDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  if (IS_ROOT) chownSync(dir, webUserIds().uid, webUserIds().gid);
  return dir;
}

/** An empty file the web server's unprivileged workers may write to. */
export function workerWritableFile(file: string): string {
  writeFileSync(file, "");
  if (IS_ROOT) chownSync(file, webUserIds().uid, webUserIds().gid);
  return file;
}

export function webUserIds(): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${WEB_USER}:`));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (uid === undefined || gid === undefined) throw new Error(`no ${WEB_USER} account on this machine`);
  return { uid: Number(uid), gid: Number(gid) };
}

interface SpawnOptions {
  env?: Record<string, string>;
  /** Files the server writes its errors to, appended to logs(). */
  logFiles?: string[];
}

/** Runs a server in the foreground, resolves once it accepts connections on 127.0.0.1:port. */
export async function runServer(
  command: string,
  args: string[],
  port: number,
  options: SpawnOptions = {},
): Promise<RunningServer> {
  const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const logs = () =>
    [output, ...(options.logFiles ?? []).map((file) => readFileSync(file, "utf8").toString())].join("\n");
  const stop = () => stopChild(child, exited);

  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${command} exited (${child.exitCode ?? child.signalCode}):\n${safeLogs(logs)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command} did not listen on ${port}:\n${safeLogs(logs)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `http://127.0.0.1:${port}`, port, logs: () => safeLogs(logs), stop };
}

function safeLogs(logs: () => string): string {
  try {
    return logs();
  } catch (error) {
    return String(error);
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
