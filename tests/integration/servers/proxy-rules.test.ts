import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "../../helpers/servers/fake-upstream";
import { request } from "../../helpers/servers/raw-http";
import { SERVER_NAMES, startWebServer, type RunningWebServer, type ServerName } from "../../helpers/servers/web-server";
import { expectNoFileBytes } from "./expectations";

// The web servers' own rules, with a stand-in upstream that can answer what the real app never
// would: offload headers pointing outside PROTECTED_ROOT, headers meant for another server.
// Everything about real downloads is in <server>.test.ts, in front of the real app.

const OFFLOAD: Record<ServerName, { header: string; status: number; foreign: string }> = {
  nginx: { header: "X-Accel-Redirect", status: 204, foreign: "X-Sendfile" },
  caddy: { header: "X-Accel-Redirect", status: 204, foreign: "X-Sendfile" },
  apache: { header: "X-Sendfile", status: 200, foreign: "X-Accel-Redirect" },
  lighttpd: { header: "X-Sendfile", status: 200, foreign: "X-Accel-Redirect" },
};
// lighttpd 1.4.69 opens a new connection to the backend for every request whatever it is told.
const KEEPS_UPSTREAM_ALIVE: ServerName[] = ["nginx", "apache", "caddy"];

let dir: string;
let upstream: FakeUpstream;
const env: Record<string, string> = {};
const inside = randomBytes(32 * 1024);
const outside = randomBytes(32 * 1024);
const servers = new Map<ServerName, RunningWebServer>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "bindery-proxy-rules-"));
  chmodSync(dir, 0o755);
  Object.assign(env, { PROTECTED_ROOT: path.join(dir, "protected"), MEDIA_ROOT: path.join(dir, "media"), SENDFILE_URL: "/_protected/" });
  mkdirSync(env.MEDIA_ROOT, { recursive: true });
  mkdirSync(env.PROTECTED_ROOT, { recursive: true });
  writeFileSync(path.join(env.PROTECTED_ROOT, "inside.bin"), inside);
  // A sibling of the protected folder whose name starts the same: "protected-not" is not under "protected".
  mkdirSync(path.join(dir, "protected-not"));
  writeFileSync(path.join(dir, "protected-not", "outside.bin"), outside);
  writeFileSync(path.join(dir, "outside.bin"), outside);
  upstream = await startFakeUpstream();
  await Promise.all(
    SERVER_NAMES.map(async (server) => {
      servers.set(server, await startWebServer({ server, env, dir: path.join(dir, server), app: upstream.address }));
    }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((running) => running.stop()));
  await upstream?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function serverUrl(server: ServerName): string {
  const running = servers.get(server);
  if (!running) throw new Error(`${server} is not running`);
  return running.url;
}

const answerPath = (status: number, header: string, value: string) =>
  `/answer?${new URLSearchParams({ status: String(status), header, value })}`;

describe.each(SERVER_NAMES.map((server) => [server]))("%s in front of the app", (server) => {
  it("removes x-middleware-subrequest and forwards client address, scheme and host", async () => {
    const url = serverUrl(server);
    const answer = await request(url, "GET", "/echo", { "x-middleware-subrequest": "middleware:middleware:middleware" });
    expect(answer.status).toBe(200);
    const seen = JSON.parse(answer.body.toString()) as Record<string, string | undefined>;
    expect(seen["x-middleware-subrequest"] ?? "").toBe("");
    expect(seen["x-forwarded-for"]?.split(",").at(-1)?.trim()).toBe("127.0.0.1");
    expect(seen["x-forwarded-proto"]).toBe("http");
    expect(seen.host).toBe(new URL(url).host);
  });

  it("sends a file the offload header names under PROTECTED_ROOT (the header is honoured)", async () => {
    const { header, status } = OFFLOAD[server];
    const value = header === "X-Sendfile" ? path.join(env.PROTECTED_ROOT ?? "", "inside.bin") : "/_protected/inside.bin";
    const answer = await request(serverUrl(server), "GET", answerPath(status, header, value));
    expect(answer.status).toBe(200);
    expect(answer.body.equals(inside)).toBe(true);
  });

  it("refuses an offload header that points outside PROTECTED_ROOT", async () => {
    const { header, status } = OFFLOAD[server];
    const root = env.PROTECTED_ROOT ?? "";
    const targets =
      header === "X-Sendfile"
        ? [path.join(dir, "outside.bin"), `${root}/../outside.bin`, `${root}/%2E%2E/outside.bin`, `${root}-not/outside.bin`, "/etc/hostname"]
        : ["/_protected/../outside.bin", "/_protected/..%2Foutside.bin", "/_protected/%2E%2E/outside.bin", "/_protected/../protected-not/outside.bin", "/outside.bin"];
    for (const target of targets) {
      const answer = await request(serverUrl(server), "GET", answerPath(status, header, target));
      expectNoFileBytes(answer, outside);
      expect(answer.status, target).not.toBe(200);
    }
  });

  it("never passes on a header meant for another server", async () => {
    const { foreign } = OFFLOAD[server];
    const answer = await request(serverUrl(server), "GET", answerPath(200, foreign, path.join(env.PROTECTED_ROOT ?? "", "inside.bin")));
    expect(answer.headers[foreign.toLowerCase()]).toBeUndefined();
    expectNoFileBytes(answer, inside);
  });

  it.runIf(KEEPS_UPSTREAM_ALIVE.includes(server))("reuses its connections to the app", async () => {
    const before = upstream.connections();
    for (let i = 0; i < 20; i++) await request(serverUrl(server), "GET", "/echo");
    expect(upstream.connections() - before).toBeLessThanOrEqual(2);
  });
});
