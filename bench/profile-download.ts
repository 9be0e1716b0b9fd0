/**
 * `npm run bench:profile`: where the app's CPU goes on the download path. Runs the built app behind real
 * nginx with `--cpu-prof`, loads a signed 10 KB link (and, with `--session`, the session-cookie download)
 * with wrk, stops the app so V8 writes the profile, and prints self time by package and the busiest
 * functions. The .cpuprofile stays in the printed folder for Chrome DevTools (Performance → Load profile).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO, signIn } from "../tests/helpers/http-session";
import { startStack } from "../tests/helpers/servers/stack";
import { StoreDb } from "../tests/helpers/store-db";
import { prepareTestEnvironment } from "../tests/helpers/test-env";
import { createBenchFiles } from "./fixtures";
import { wrk } from "./wrk";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Which part of the stack a function belongs to: a package, Next.js, the app's own code, or Node. */
function owner(url: string): string {
  if (!url) return "(V8: idle, GC, native)";
  if (url.startsWith("node:")) return "node core";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg === "next") return url.includes("/compiled/") ? "next (bundled deps)" : "next";
  if (pkg) return pkg;
  if (url.includes(".next/server/chunks") || url.includes(".next/server/app")) return "app bundle (lib/, app/)";
  return url
    .replace(/^file:\/\//, "")
    .split("/")
    .slice(-2)
    .join("/");
}

function summarize(profile: CpuProfile, top: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const { functionName, url, lineNumber } = frame;
    if (functionName === "(idle)") continue;
    owners.set(owner(url), (owners.get(owner(url)) ?? 0) + ms);
    const key = `${functionName || "(anonymous)"} ${owner(url)}${url ? `:${lineNumber + 1}` : ""}`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
  }
  const busy = [...owners.values()].reduce((a, b) => a + b, 0);
  const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1).padStart(5)} %`;
  const lines = [`busy ${busy.toFixed(0)} ms of ${total.toFixed(0)} ms sampled`, "", "self time by owner:"];
  for (const [name, ms] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${pct(ms)}  ${name}`);
  lines.push("", `top ${top} functions by self time:`);
  for (const [name, ms] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(ms)}  ${name}`);
  return lines.join("\n");
}

async function main() {
  const seconds = Number(process.env.PROFILE_SECONDS ?? 10);
  const store = prepareTestEnvironment("profile");
  const db = new StoreDb(store.env.DATABASE_URL);
  const [small] = await createBenchFiles(db, store.env, [{ label: "10KB", bytes: 10 * 1024 }]);
  const dir = mkdtempSync(path.join(os.tmpdir(), "bindery-profile-"));
  store.env.BINDERY_SERVER_NODE_FLAGS = `--cpu-prof --cpu-prof-dir=${dir}`;
  store.env.DOWNLOAD_RATE_LIMIT = "0";
  const nginx = await startStack("nginx", store);
  try {
    const session = process.argv.includes("--session");
    const url = session ? `${nginx.url}/api/downloads/${small.grantId}` : `${nginx.url}${small.downloadPath}`;
    const headers: Record<string, string> = session
      ? { cookie: await signIn(nginx.url, DEMO.reader.email, DEMO.reader.password) }
      : {};
    await wrk(url, { threads: 2, connections: 32, seconds: 2, headers });
    const load = await wrk(url, { threads: 2, connections: 32, seconds, headers });
    process.stdout.write(
      `${session ? "session-cookie" : "signed-link"} 10 KB downloads through nginx: ` +
        `${load.requestsPerSec.toFixed(0)} req/s, p99 ${load.p99Ms.toFixed(1)} ms ` +
        "(with the profiler on: slower than npm run bench)\n",
    );
  } finally {
    await nginx.stop();
    await db.close();
  }
  const profiles = readdirSync(dir).map((name) => path.join(dir, name));
  const largest = profiles.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!largest) throw new Error(`no profile written in ${dir}`);
  process.stdout.write(
    `${summarize(JSON.parse(readFileSync(largest, "utf8")) as CpuProfile, 30)}\n\nprofile: ${largest}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
