import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultOptions, renderConfig } from "../../../deploy/render.mjs";
import { signedQuery } from "../../../lib/downloads/signed-link";
import { startEmulator, type RunningEmulator } from "../../../scripts/stripe-emulator/emulator.mjs";
import { startApp, type RunningApp } from "../../helpers/app-server";
import { freePort } from "../../helpers/free-port";
import { DEMO, signIn } from "../../helpers/http-session";
import { startBurst } from "../../helpers/servers/burst";
import { importFile } from "../../helpers/servers/imported-files";
import { writeNginxConfig } from "../../helpers/servers/nginx";
import { request } from "../../helpers/servers/raw-http";
import { appEnvironment } from "../../helpers/servers/stack";
import { startWebServer, type RunningWebServer } from "../../helpers/servers/web-server";
import { outbox } from "../../helpers/shop";
import { StoreDb } from "../../helpers/store-db";
import { PROJECT_ROOT, prepareTestEnvironment, type TestEnvironment } from "../../helpers/test-env";

// Two instances of the built app, one SQLite file (WAL) and one PROTECTED_ROOT, behind nginx rendered
// with --app-upstream: what README "Scaling out" tells a shop owner to run (PostgreSQL in production).

describe("deploy files for several instances", () => {
  it("nginx -t accepts the config rendered for two instances, with failover for idempotent requests only", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bindery-nginx-t-"));
    try {
      const config = renderConfig("nginx", {
        ...defaultOptions(PROJECT_ROOT, {}),
        listen: "127.0.0.1:8080",
        protectedRoot: path.join(dir, "protected"),
        mediaRoot: path.join(dir, "media"),
        accessLog: path.join(dir, "access.log"),
        appUpstreams: ["127.0.0.1:3001", "127.0.0.1:3002"],
      });
      expect(config).toContain("    server 127.0.0.1:3001 max_fails=1 fail_timeout=10s;\n");
      expect(config).toContain("    server 127.0.0.1:3002 max_fails=1 fail_timeout=10s;\n");
      expect(config).toContain("proxy_next_upstream error timeout;");
      expect(config).not.toMatch(/^\s*proxy_next_upstream .*non_idempotent/m);
      const { mainPath, errorLog } = writeNginxConfig(dir, config);
      const check = spawnSync("nginx", ["-t", "-p", `${dir}/`, "-c", mainPath, "-e", errorLog], { encoding: "utf8" });
      expect(check.stderr).toContain("test is successful");
      expect(check.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("bindery@.service is a valid unit with the single unit's hardening, one port per instance", () => {
    const read = (name: string) => readFileSync(path.join(PROJECT_ROOT, "deploy/systemd", name), "utf8");
    const template = read("bindery@.service");
    const single = read("bindery.service");
    const hardening = (unit: string) => unit.slice(unit.indexOf("# Hardening"));
    expect(hardening(single).length).toBeGreaterThan(200);
    expect(hardening(template)).toBe(hardening(single));
    const lines = (unit: string) =>
      unit.split("\n").filter((line) => /^(EnvironmentFile|User|UMask|ReadWrite)/.test(line));
    expect(lines(template)).toEqual(lines(single));
    expect(template).toMatch(/^ExecStart=\/usr\/bin\/env PORT=%i \/usr\/bin\/node scripts\/start\.mjs$/m);

    const analyze = spawnSync("systemd-analyze", ["--version"]);
    if (analyze.error) return; // no systemd here: the checks above are the parse check
    const dir = mkdtempSync(path.join(os.tmpdir(), "bindery-unit-"));
    try {
      writeFileSync(path.join(dir, "bindery@.service"), template);
      const verify = spawnSync("systemd-analyze", ["verify", "--man=no", path.join(dir, "bindery@3001.service")], {
        encoding: "utf8",
      });
      // verify exits 0 on settings it ignores; each one is a warning naming the file.
      expect(verify.stderr).toBe("");
      expect(verify.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("two app instances behind nginx", () => {
  let store: TestEnvironment;
  let emulator: RunningEmulator;
  let apps: RunningApp[] = [];
  let web: RunningWebServer;
  let db: StoreDb;
  const link = (grantId: string) => `/api/downloads/${grantId}?${signedQuery(grantId, 600, store.env.AUTH_SECRET)}`;
  const counted = async (grantId: string) => (await db.grant(grantId)).downloadsUsed;
  const logged = (grantId: string) =>
    (
      db.sql
        .prepare(`SELECT COUNT(*) AS n FROM DownloadEvent WHERE grantId = ? AND outcome = 'ALLOWED'`)
        .get(grantId) as { n: number }
    ).n;

  beforeAll(async () => {
    const webhookSecret = `whsec_${randomBytes(16).toString("hex")}`;
    emulator = await startEmulator({
      webhookSecret,
      asyncDelayMs: null,
      retryDelaysMs: [100, 200, 400],
      log: () => {},
    });
    store = prepareTestEnvironment("multi", {
      STRIPE_SECRET_KEY: "sk_test_bindery",
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: emulator.url,
    });
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const env = appEnvironment(store, "nginx", publicUrl);
    apps = [await startApp(env), await startApp(env)];
    const upstreams = apps.map((app) => `127.0.0.1:${app.port}`);
    web = await startWebServer({
      server: "nginx",
      env: store.env,
      dir: path.join(store.dir, "nginx"),
      app: upstreams[0] ?? "",
      port,
      options: { appUpstreams: upstreams },
    });
    // Stripe's events come in through nginx too, to whichever instance is next.
    emulator.setWebhook({ url: `${publicUrl}/api/stripe/webhook` });
    db = new StoreDb(store.env.DATABASE_URL);
  }, 180_000);

  afterAll(async () => {
    await db?.close();
    await web?.stop();
    await Promise.all(apps.map((app) => app.stop()));
    await emulator?.stop();
    if (store) rmSync(store.dir, { recursive: true, force: true });
  });

  /** Each instance asked directly: the app's own answer, 204 and the internal path nginx would send. */
  async function expectEachInstanceHandsOver(pathAndQuery: string, headers: Record<string, string> = {}) {
    expect(apps).toHaveLength(2);
    for (const app of apps) {
      const answer = await request(app.url, "GET", pathAndQuery, headers);
      expect(answer.status, app.url).toBe(204);
      expect(String(answer.headers["x-accel-redirect"]), app.url).toMatch(/^\/_protected\/./);
    }
  }

  it("a purchase through the shop: the receipt's signed link works on each instance and through nginx", async () => {
    const book = db.sql.prepare(`SELECT id FROM Product WHERE slug = 'atlas-of-small-harbors'`).get() as { id: string };
    const checkout = await fetch(`${web.url}/api/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: web.url, cookie: `bindery_cart=${book.id}` },
    });
    expect(checkout.status).toBe(303);
    const sessionId = (checkout.headers.get("location") ?? "").split("/pay/")[1] ?? "";
    expect(sessionId).not.toBe("");
    await fetch(`${emulator.url}/_emulator/sessions/${sessionId}/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome: "paid", email: "two-instances@example.com" }),
    });
    await emulator.idle();
    const grant = db.sql
      .prepare(
        `SELECT g.id, f.sha256 FROM DownloadGrant g JOIN OrderItem i ON i.id = g.orderItemId JOIN "Order" o ON o.id = i.orderId
         JOIN ProductFile f ON f.id = g.productFileId WHERE o.stripeCheckoutSessionId = ? AND o.status = 'PAID'`,
      )
      .get(sessionId) as { id: string; sha256: string } | undefined;
    if (!grant) throw new Error("the paid order has no grant");

    const receipt = await receiptTo(store, "two-instances@example.com");
    const signed = receipt?.text.match(/\/api\/downloads\/[^\s"<>]+/)?.[0] ?? "";
    expect(signed).toContain(grant.id);
    await expectEachInstanceHandsOver(signed);
    const through = await request(web.url, "GET", signed);
    expect(through.status).toBe(200);
    expect(createHashOf(through.body)).toBe(grant.sha256);
    expect([await counted(grant.id), logged(grant.id)]).toEqual([3, 3]);
  });

  it("a session from a sign-in through nginx works on both instances", async () => {
    const cookie = await signIn(web.url, DEMO.reader.email, DEMO.reader.password);
    const readerId = await db.userId(DEMO.reader.email);
    const seeded = db.sql
      .prepare(
        `SELECT g.id AS grantId, f.sha256 FROM DownloadGrant g JOIN OrderItem i ON i.id = g.orderItemId
         JOIN "Order" o ON o.id = i.orderId JOIN ProductFile f ON f.id = g.productFileId WHERE o.userId = ? LIMIT 1`,
      )
      .get(readerId) as { grantId: string; sha256: string } | undefined;
    if (!seeded) throw new Error("the seeded reader owns no grant");
    const own = `/api/downloads/${seeded.grantId}`;
    for (const app of apps) expect((await request(app.url, "GET", own)).status, "no cookie").toBe(303);
    await expectEachInstanceHandsOver(own, { cookie });
    const through = await request(web.url, "GET", own, { cookie });
    expect(through.status).toBe(200);
    expect(createHashOf(through.body)).toBe(seeded.sha256);
  });

  // The crash: SIGKILL of one instance's server process during a burst of downloads through nginx.
  // Asserted, by when each request was sent:
  // - every answer, before, during and after the kill, is 200 with the whole file: nginx sends a GET
  //   the dead instance held on to the other (deploy/nginx: proxy_next_upstream), and skips it after;
  // - nginx's error log names the dead instance: it was in use and nginx moved on;
  // - after the kill settled (the process is gone), on a grant of its own: every download was counted
  //   once and logged once, nothing else;
  // - around the kill: every file delivered was counted and logged; the counts beyond the deliveries
  //   are at most the requests in flight when the kill landed (an instance that counted, and maybe
  //   logged, then died before answering: nginx re-sent that GET, which counted again). The count and
  //   its log row are two statements, so the dead instance may leave a count without its row.
  it("when one instance crashes during a burst, nginx moves on and no client gets an error", async () => {
    const root = store.env.PROTECTED_ROOT;
    const during = await importFile(db, root, "burst", 256 * 1024);
    const after = await importFile(db, root, "after-crash", 256 * 1024);
    const [victim, survivor] = apps;
    if (!victim || !survivor) throw new Error("two instances expected");

    const burst = startBurst(web.url, 6, "before", link(during.grantId));
    await burst.answered("before", 30);
    const exited = new Promise<void>((resolve) => victim.process.once("exit", () => resolve()));
    burst.switchTo("crash", link(during.grantId));
    const inFlightAtKill = burst.inFlight();
    process.kill(victim.serverPid(), "SIGKILL");
    await exited;
    burst.switchTo("after", link(after.grantId));
    await burst.answered("after", 30);
    const answers = await burst.stop();

    expect(survivor.process.exitCode).toBeNull();
    const expected = (phase: string) => ({ status: 200, sha256: phase === "after" ? after.sha256 : during.sha256 });
    expect(answers.length).toBeGreaterThanOrEqual(60);
    for (const answer of answers)
      expect({ status: answer.status, sha256: answer.sha256 }, answer.phase).toEqual(expected(answer.phase));
    expect(web.logs()).toContain(`upstream: "http://127.0.0.1:${victim.port}/api/downloads/`);

    const afterCount = answers.filter((answer) => answer.phase === "after").length;
    expect([await counted(after.grantId), logged(after.grantId)]).toEqual([afterCount, afterCount]);

    const delivered = answers.length - afterCount;
    expect(logged(during.grantId)).toBeGreaterThanOrEqual(delivered);
    expect(await counted(during.grantId)).toBeGreaterThanOrEqual(logged(during.grantId));
    expect((await counted(during.grantId)) - delivered).toBeLessThanOrEqual(inFlightAtKill);
  });
});

/** The receipt is sent after the payment commits, by whichever instance took the event. */
async function receiptTo(store: TestEnvironment, email: string) {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    const mail = outbox(store).find((candidate) => candidate.to === email);
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no receipt to ${email}`);
}

function createHashOf(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
