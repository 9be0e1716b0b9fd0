import { spawnSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultOptions, renderConfig } from "../../../deploy/render.mjs";
import { signedQuery } from "../../../lib/downloads/signed-link";
import { startEmulator, type RunningEmulator } from "../../../scripts/stripe-emulator/emulator.mjs";
import { startApp, type RunningApp } from "../../helpers/app-server";
import { freePort } from "../../helpers/free-port";
import { queuedSubjectsTo } from "../../helpers/accounts";
import { DEMO, signIn } from "../../helpers/http-session";
import { actionStateIn, callOrderAction, callServerAction } from "../../helpers/server-action";
import { startBurst } from "../../helpers/servers/burst";
import { importFile } from "../../helpers/servers/imported-files";
import { writeNginxConfig } from "../../helpers/servers/nginx";
import { workerWritableDir, workerWritableFile } from "../../helpers/servers/process";
import { request } from "../../helpers/servers/raw-http";
import { appEnvironment } from "../../helpers/servers/stack";
import { startWebServer, type RunningWebServer } from "../../helpers/servers/web-server";
import { outbox } from "../../helpers/shop";
import { StoreDb } from "../../helpers/store-db";
import { PROJECT_ROOT, prepareTestEnvironment, type TestEnvironment } from "../../helpers/test-env";

// Two instances of the built app sharing one database and one PROTECTED_ROOT, behind nginx rendered with
// --app-upstream: what README "Scaling out" tells a shop owner to run. Runs on SQLite (one WAL file) and,
// in the PostgreSQL test project, on PostgreSQL, which is what such a shop uses in production.

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
  const webhookSecret = `whsec_${randomBytes(16).toString("hex")}`;
  // Only to sign webhook payloads as Stripe does; it never calls out.
  const stripe = new Stripe("sk_test_bindery");
  const link = (grantId: string) => `/api/downloads/${grantId}?${signedQuery(grantId, 600, store.env.AUTH_SECRET)}`;
  const counted = async (grantId: string) => (await db.grant(grantId)).downloadsUsed;
  const logged = (grantId: string) => db.prisma.downloadEvent.count({ where: { grantId, outcome: "ALLOWED" } });

  beforeAll(async () => {
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

  /** A cart of one book checked out through nginx and paid at the emulator; returns the session id. */
  async function payThroughNginx(slug: string, email: string): Promise<string> {
    const book = await db.productId(slug);
    const checkout = await fetch(`${web.url}/api/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: web.url, cookie: `bindery_cart=${book}` },
    });
    expect(checkout.status).toBe(303);
    const sessionId = (checkout.headers.get("location") ?? "").split("/pay/")[1] ?? "";
    expect(sessionId).not.toBe("");
    const paid = await fetch(`${emulator.url}/_emulator/sessions/${sessionId}/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome: "paid", email }),
    });
    expect(paid.status).toBe(200);
    return sessionId;
  }

  it("a purchase through the shop: the receipt's signed link works on each instance and through nginx", async () => {
    const sessionId = await payThroughNginx("atlas-of-small-harbors", "two-instances@example.com");
    await emulator.idle();
    const paid = await db.prisma.downloadGrant.findFirst({
      where: { orderItem: { order: { stripeCheckoutSessionId: sessionId, status: "PAID" } } },
      select: { id: true, productFile: { select: { sha256: true } } },
    });
    if (!paid) throw new Error("the paid order has no grant");
    const grant = { id: paid.id, sha256: paid.productFile.sha256 };

    const receipt = await receiptTo(store, "two-instances@example.com");
    const signed = receipt?.text.match(/\/api\/downloads\/[^\s"<>]+/)?.[0] ?? "";
    expect(signed).toContain(grant.id);
    await expectEachInstanceHandsOver(signed);
    const through = await request(web.url, "GET", signed);
    expect(through.status).toBe(200);
    expect(createHashOf(through.body)).toBe(grant.sha256);
    expect([await counted(grant.id), await logged(grant.id)]).toEqual([3, 3]);
  });

  it("a session from a sign-in through nginx works on both instances", async () => {
    const cookie = await signIn(web.url, DEMO.reader.email, DEMO.reader.password);
    const seeded = await db.prisma.downloadGrant.findFirst({
      where: { orderItem: { order: { user: { email: DEMO.reader.email } } } },
      select: { id: true, productFile: { select: { sha256: true } } },
    });
    if (!seeded) throw new Error("the seeded reader owns no grant");
    const own = `/api/downloads/${seeded.id}`;
    for (const app of apps) expect((await request(app.url, "GET", own)).status, "no cookie").toBe(303);
    await expectEachInstanceHandsOver(own, { cookie });
    const through = await request(web.url, "GET", own, { cookie });
    expect(through.status).toBe(200);
    expect(createHashOf(through.body)).toBe(seeded.productFile.sha256);
  });

  // 50 requests at once, alternating between the two instances (not through nginx, so the spread is
  // certain): each rule must hold without SQLite's single writer (row locks, unique keys, serializable
  // transactions on PostgreSQL, where this suite also runs).
  const instance = (i: number) => apps[i % 2]?.url ?? "";

  it("one payment: 40 deliveries of its event and 10 success-page loads at once fulfil it once", async () => {
    await fetch(`${emulator.url}/_emulator/hold`, { method: "POST" });
    const email = "fifty-deliveries@example.com";
    const sessionId = await payThroughNginx("letters-from-the-lighthouse", email);
    const event = await completedEventOf(sessionId);
    const payload = JSON.stringify(event);
    const deliver = (i: number) =>
      fetch(`${instance(i)}/api/stripe/webhook`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }),
        },
        body: payload,
      });
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const answer =
          i % 5 === 4 ? await fetch(`${instance(i)}/checkout/success?session_id=${sessionId}`) : await deliver(i);
        return { status: answer.status, body: answer.status === 200 ? "" : (await answer.text()).slice(0, 300) };
      }),
    );
    const failed = answers.filter((answer) => answer.status !== 200);
    // On failure, what the instances logged is the diagnosis.
    expect(failed, failed.length ? apps.map((app) => app.logs().slice(-3000)).join("\n---\n") : "").toEqual([]);

    const order = await db.prisma.order.findUniqueOrThrow({
      where: { stripeCheckoutSessionId: sessionId },
      select: { id: true, status: true, items: { select: { productId: true, grants: { select: { id: true } } } } },
    });
    expect(order.status).toBe("PAID");
    const files = await db.prisma.productFile.count({ where: { productId: order.items[0]?.productId, active: true } });
    expect(files).toBeGreaterThan(0);
    expect(order.items.flatMap((item) => item.grants)).toHaveLength(files);
    expect(await queuedSubjectsTo(db, email)).toHaveLength(1);
    expect(await db.prisma.processedStripeEvent.count({ where: { id: event.id } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { targetId: order.id, action: "order.paid" } })).toBe(1);

    // Stripe's own delivery comes last: still once.
    await fetch(`${emulator.url}/_emulator/release`, { method: "POST" });
    await emulator.idle();
    expect(await queuedSubjectsTo(db, email)).toHaveLength(1);
  });

  it("a grant of 5 downloads asked for 50 times at once hands over exactly 5 files", async () => {
    const imported = await importFile(db, store.env.PROTECTED_ROOT, "limit-five", 64 * 1024);
    const file = await db.prisma.productFile.findUniqueOrThrow({ where: { storageKey: imported.storageKey } });
    const grantId = await db.createGrant({
      email: DEMO.reader.email,
      fileId: file.id,
      productId: file.productId,
      limit: 5,
    });
    const statuses = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => (await request(instance(i), "GET", link(grantId))).status),
    );
    expect(statuses.filter((status) => status === 204)).toHaveLength(5);
    expect(statuses.filter((status) => status === 403)).toHaveLength(45);
    expect([await counted(grantId), await logged(grantId)]).toEqual([5, 5]);
  });

  it("one resend form submitted 50 times at once sends one receipt", async () => {
    const staff = await signIn(web.url, DEMO.staff.email, DEMO.staff.password);
    const order = await db.prisma.order.findFirstOrThrow({
      where: { user: { email: DEMO.reader.email }, status: "PAID" },
      select: { id: true, email: true },
    });
    const requestKey = randomUUID();
    const mailsBefore = (await queuedSubjectsTo(db, order.email)).length;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        callOrderAction(instance(i), "resendReceiptAction", { orderId: order.id, requestKey }, { cookie: staff }),
      ),
    );
    expect(results.map((result) => result.status).filter((status) => status !== 200)).toEqual([]);
    const messages = results.map((result) => result.state?.message ?? result.state?.error);
    expect(messages.filter((message) => message?.startsWith("Receipt sent again"))).toHaveLength(1);
    expect(messages.filter((message) => message?.startsWith("This receipt was already resent"))).toHaveLength(49);
    expect((await queuedSubjectsTo(db, order.email)).length - mailsBefore).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: "order.resend_receipt", targetId: order.id } })).toBe(1);
  });

  it("two admins demoting each other 25 times each, at once, leave one admin", async () => {
    await db.prisma.user.update({ where: { email: DEMO.staff.email }, data: { role: "ADMIN" } });
    const admins = [DEMO.admin, DEMO.staff];
    const cookies = await Promise.all(admins.map((account) => signIn(web.url, account.email, account.password)));
    const ids = await Promise.all(admins.map((account) => db.userId(account.email)));
    // Request i: admin i % 2 demotes the other one, on instance ⌊i / 2⌋ % 2, so each does so on both.
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const response = await callServerAction({
          baseUrl: instance(Math.floor(i / 2)),
          page: "/admin/users",
          action: { file: "app/(store)/admin/users/actions.ts", name: "changeRoleAction" },
          cookie: cookies[i % 2],
          fields: { userId: ids[(i + 1) % 2] ?? "", role: "CUSTOMER" },
        });
        return { status: response.status, state: actionStateIn(await response.text()) };
      }),
    );
    try {
      expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
      const roles = await db.prisma.user.findMany({ where: { id: { in: ids } }, select: { role: true } });
      expect(roles.map((user) => user.role).sort()).toEqual(["ADMIN", "CUSTOMER"]);
      expect(await db.prisma.auditLog.count({ where: { action: "user.role", targetId: { in: ids } } })).toBe(1);
    } finally {
      await db.prisma.user.update({ where: { id: ids[0] }, data: { role: "ADMIN" } });
      await db.prisma.user.update({ where: { id: ids[1] }, data: { role: "STAFF" } });
    }
  });

  /** The checkout.session.completed event the emulator made for a session (held, not yet delivered). */
  async function completedEventOf(sessionId: string): Promise<{ id: string }> {
    const events = (await (
      await fetch(`${emulator.url}/v1/events?type=checkout.session.completed&limit=100`, {
        headers: { authorization: "Bearer sk_test_bindery" },
      })
    ).json()) as { data: { id: string; data: { object: { id: string } } }[] };
    const event = events.data.find((candidate) => candidate.data.object.id === sessionId);
    if (!event) throw new Error(`no checkout.session.completed for ${sessionId}`);
    return event;
  }

  // The crash: SIGKILL of one instance's server process during a burst of downloads through nginx.
  // Asserted, by when each request was sent:
  // - every answer, before, during and after the kill, is 200 with the whole file: nginx sends a GET
  //   the dead instance held on to the other (deploy/nginx: proxy_next_upstream), and skips it after;
  // - nginx's error log names the dead instance: it was in use and nginx moved on;
  // - after the kill settled (the process is gone), on a grant of its own: every download was counted
  //   once and logged once, nothing else;
  // - around the kill: every file delivered was counted and logged, and every count has its log row (the
  //   two are written together: one transaction on SQLite, one statement on PostgreSQL, so the kill cannot
  //   land between them); the counts beyond the deliveries are at most the requests in flight when the
  //   kill landed (an instance that counted and logged, then died before answering: nginx re-sent that
  //   GET, which counted again).
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
    expect([await counted(after.grantId), await logged(after.grantId)]).toEqual([afterCount, afterCount]);

    const delivered = answers.length - afterCount;
    const [countedDuring, loggedDuring] = [await counted(during.grantId), await logged(during.grantId)];
    expect(countedDuring).toBe(loggedDuring);
    expect(loggedDuring).toBeGreaterThanOrEqual(delivered);
    expect(countedDuring - delivered).toBeLessThanOrEqual(inFlightAtKill);
  });

  // The suite's pair runs with the download rate limit off (its cases send far more than a minute's worth
  // from 127.0.0.1), so this case starts a pair of its own with the limit on, on the same database, behind
  // an nginx of its own that also logs which instance answered each request.
  describe("with a download rate limit", () => {
    const PER_MINUTE = 4;
    let limited: RunningApp[] = [];
    let limitedWeb: RunningWebServer;
    let upstreamLog: string;

    beforeAll(async () => {
      const port = await freePort();
      const env = {
        ...appEnvironment(store, "nginx", `http://127.0.0.1:${port}`),
        DOWNLOAD_RATE_LIMIT: String(PER_MINUTE),
      };
      limited = await Promise.all([startApp(env), startApp(env)]);
      const upstreams = limited.map((app) => `127.0.0.1:${app.port}`);
      const dir = workerWritableDir(path.join(store.dir, "nginx-rate-limited"));
      upstreamLog = workerWritableFile(path.join(dir, "upstreams.log"));
      limitedWeb = await startWebServer({
        server: "nginx",
        env: store.env,
        dir,
        app: upstreams[0] ?? "",
        port,
        options: { appUpstreams: upstreams },
        mutate: (config) => withUpstreamLog(config, upstreamLog),
      });
    }, 180_000);

    afterAll(async () => {
      await limitedWeb?.stop();
      await Promise.all(limited.map((app) => app.stop()));
    });

    it("counts one client's downloads once across both instances: the limit, not twice it", async () => {
      const grantId = await db.grantOnFile("The Quiet Art of Binding.pdf", { email: DEMO.reader.email, limit: null });
      const extra = 3;
      const statuses: number[] = [];
      for (let i = 0; i < PER_MINUTE + extra; i++)
        statuses.push((await request(limitedWeb.url, "GET", link(grantId))).status);

      expect(statuses).toEqual([...Array<number>(PER_MINUTE).fill(200), ...Array<number>(extra).fill(429)]);
      expect(await counted(grantId)).toBe(PER_MINUTE);
      expect(await db.prisma.downloadEvent.count({ where: { outcome: "RATE_LIMITED" } })).toBe(extra);
      const answeredBy = await upstreamsThatAnswered(upstreamLog, `/api/downloads/${grantId}`, PER_MINUTE + extra);
      expect(answeredBy).toHaveLength(PER_MINUTE + extra);
      expect(new Set(answeredBy)).toEqual(new Set(limited.map((app) => `127.0.0.1:${app.port}`)));
    });
  });
});

/** The rendered site with a second access log naming the instance ($upstream_addr) that answered each request. */
function withUpstreamLog(config: string, file: string): string {
  const accessLog = /^( *)access_log \S+ bindery_no_query;$/m;
  if (!accessLog.test(config)) throw new Error("the rendered nginx config has no bindery_no_query access log");
  const format = "log_format bindery_upstreams '$upstream_addr $status $bindery_path';\n";
  return (
    format +
    config.replace(accessLog, (line, indent: string) => `${line}\n${indent}access_log ${file} bindery_upstreams;`)
  );
}

/** The upstream of each logged request for `urlPath`, once `count` are logged (nginx logs after it answers). */
async function upstreamsThatAnswered(file: string, urlPath: string, count: number): Promise<string[]> {
  const read = () =>
    readFileSync(file, "utf8")
      .split("\n")
      .map((line) => line.split(" "))
      .filter(([, , logged]) => logged === urlPath)
      .map(([upstream = ""]) => upstream);
  for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
    if (read().length >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return read();
}

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
