import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedQuery } from "@/lib/downloads/signed-link";
import { createBenchFiles, type BenchFile } from "../../bench/fixtures";
import { startApp, type RunningApp } from "../helpers/app-server";
import { DEMO, signIn } from "../helpers/http-session";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

// Production downloads are answered by the download lane (lib/downloads/download-lane.ts) beside Next's
// router. A grant id written with a percent-escape is not the lane's (lib/downloads/lane-path.ts): Next's
// route handler answers it, with the same serveDownload. Each case asks both ways and expects one answer.

let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;
let reader = "";
let big: BenchFile;
let bigBytes: Buffer;

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

beforeAll(async () => {
  store = prepareTestEnvironment("download-lane", { SENDFILE_BACKEND: "node", DOWNLOAD_RATE_LIMIT: "0" });
  db = new StoreDb(store.env.DATABASE_URL);
  [big] = await createBenchFiles(db, store.env, [{ label: "lane-8MB", bytes: 8 * 1024 * 1024 }]);
  bigBytes = readFileSync(path.join(store.env.PROTECTED_ROOT, "bench/lane-8MB.pdf"));
  app = await startApp(store.env);
  reader = await signIn(app.url, DEMO.reader.email, DEMO.reader.password);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const grant = (options: { limit?: number | null } = {}) =>
  db.grantOnFile("The Quiet Art of Binding.pdf", { email: DEMO.reader.email, ...options });

/** The same grant id as Next's route receives it: its first character percent-escaped. */
const escaped = (grantId: string) => `%${grantId.charCodeAt(0).toString(16)}${grantId.slice(1)}`;

// Set per connection or per moment by Node and Next, not by the answer.
const TRANSPORT = new Set(["date", "connection", "keep-alive", "transfer-encoding", "vary"]);

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function ask(id: string, query: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${app.url}/api/downloads/${id}${query ? `?${query}` : ""}`, {
    redirect: "manual",
    ...init,
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (!TRANSPORT.has(key)) headers[key] = value;
  });
  const body = new Uint8Array(await response.arrayBuffer());
  // An empty answer with "Content-Length: 0" (the lane) or chunked with no chunk (Next): the same to a client.
  if (body.length === 0 && headers["content-length"] === "0") delete headers["content-length"];
  return { status: response.status, headers, body: sha256(body) };
}

/** Asks through the lane and through Next's route; both answers, in that order. */
async function bothWays(
  grantId: string,
  query: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<[Answer, Answer]> {
  const lane = await ask(grantId, query, init);
  const next = await ask(escaped(grantId), query, init);
  // The sign-in address brings the visitor back to the path as it was asked for.
  if (next.headers.location)
    next.headers.location = next.headers.location.replace(encodeURIComponent(escaped(grantId)), grantId);
  return [lane, next];
}

describe("the download lane", () => {
  it("is on in production", () => {
    expect(app.logs()).toContain("downloads are answered beside Next's router");
  });

  it("answers every kind of download request exactly as Next's route handler does", async () => {
    const unlimited = await grant({ limit: null });
    const link = signedQuery(unlimited, 3600, store.env.AUTH_SECRET);
    const cases: [string, string, string, { method?: string; headers?: Record<string, string> }][] = [
      ["a signed link", unlimited, link, {}],
      ["a resume", unlimited, link, { headers: { range: "bytes=100-199" } }],
      ["a range past the end", unlimited, link, { headers: { range: "bytes=99999999-" } }],
      ["HEAD", unlimited, link, { method: "HEAD" }],
      ["a session", unlimited, "", { headers: { cookie: reader } }],
      ["no session, no link", unlimited, "", {}],
      ["a forged signature", unlimited, link.replace(/sig=[^&]+/, "sig=AAAA"), {}],
      ["an expired link", unlimited, signedQuery(unlimited, -60, store.env.AUTH_SECRET), {}],
      ["an unknown grant", "grt_doesnotexist", link, {}],
      ["a used-up grant", await grant({ limit: 0 }), "", { headers: { cookie: reader } }],
    ];
    for (const [name, grantId, query, init] of cases) {
      const [lane, next] = await bothWays(grantId, query, init);
      expect(lane, name).toEqual(next);
    }
    // The statuses the cases are about, so the comparison above cannot pass on two identical failures.
    const statuses = await Promise.all(cases.map(([, grantId, query, init]) => ask(grantId, query, init)));
    expect(statuses.map((answer) => answer.status)).toEqual([200, 206, 416, 200, 200, 303, 404, 410, 404, 403]);
  });

  it("logs the same outcomes either way", async () => {
    const limited = await grant({ limit: 1 });
    const link = signedQuery(limited, 3600, store.env.AUTH_SECRET);
    expect((await ask(limited, link)).status).toBe(200);
    expect((await ask(escaped(limited), link)).status).toBe(403);
    expect((await ask(limited, link)).status).toBe(403);
    expect((await db.events(limited)).map((event) => event.outcome)).toEqual(["ALLOWED", "EXHAUSTED", "EXHAUSTED"]);
    expect((await db.grant(limited)).downloadsUsed).toBe(1);
  });

  it("keeps the peer address from the connection, whatever the client claims", async () => {
    const grantId = await grant({ limit: null });
    const link = signedQuery(grantId, 3600, store.env.AUTH_SECRET);
    expect((await ask(grantId, link, { headers: { "x-bindery-peer": "203.0.113.7" } })).status).toBe(200);
    const [event] = await db.events(grantId);
    expect(event.ip).toBe("127.0.0.1");
  });

  it("sends a large file whole, with its length, and goes on serving after a client hangs up mid-file", async () => {
    const aborted = new AbortController();
    const partial = await fetch(`${app.url}${big.downloadPath}`, { signal: aborted.signal });
    expect(partial.headers.get("content-length")).toBe(String(bigBytes.length));
    const reader = partial.body!.getReader();
    await reader.read();
    aborted.abort();
    await reader.read().catch(() => undefined);

    const whole = await fetch(`${app.url}${big.downloadPath}`);
    expect(whole.status).toBe(200);
    expect(sha256(new Uint8Array(await whole.arrayBuffer()))).toBe(sha256(bigBytes));
    expect(app.logs()).not.toMatch(/failed while sending|unhandled/i);
  });

  it("answers an unexpected failure with 500 and a reference that is also in the server log, no more", async () => {
    const restore = await db.failInsertsInto("DownloadEvent", "disk I/O trouble");
    let answer: Response;
    try {
      answer = await fetch(`${app.url}/api/downloads/grt_lanefailure?exp=1&sig=x`);
    } finally {
      await restore();
    }
    expect(answer.status).toBe(500);
    const text = await answer.text();
    const reference = /reference ([0-9a-f]{12})/.exec(text)?.[1];
    expect(reference).toBeDefined();
    expect(text).not.toMatch(/disk I\/O|at \S+ \(|\.next|sqlite/i);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(app.logs()).toContain(`reference ${reference}`);
    expect(app.logs()).toContain("disk I/O trouble");
  });
});
