import { spawn } from "node:child_process";
import { PROJECT_ROOT } from "./test-env";

/**
 * Runs `script` (TypeScript, through tsx) once per argument list, all at once: each prints "ready" when
 * connected, all are told to go together, and each one's last line (JSON) is returned.
 */
export async function runTogether<T>(script: string, argLists: string[][]): Promise<T[]> {
  const children = argLists.map((args) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
      cwd: PROJECT_ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    });
    let output = "";
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.startsWith("ready\n")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    });
    const done = new Promise<T>((resolve, reject) => {
      child.on("exit", (code) => {
        const last = output.trim().split("\n").at(-1) ?? "";
        if (code !== 0) reject(new Error(`${script} exited with ${code}: ${output}`));
        else resolve(JSON.parse(last) as T);
      });
    });
    return { child, ready, done };
  });
  await Promise.all(children.map((child) => child.ready));
  for (const { child } of children) child.stdin.write("go\n");
  return Promise.all(children.map((child) => child.done));
}
