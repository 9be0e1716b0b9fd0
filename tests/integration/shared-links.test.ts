import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantLinkQuery, signedQuery } from "@/lib/downloads/signed-link";
import { DEMO, signIn } from "../helpers/http-session";
import { callOrderAction, callServerAction } from "../helpers/server-action";
import { outbox, startShop, type Shop } from "../helpers/shop";
import { auditOf } from "./staff-fixtures";

// The app trusts 127.0.0.1 as its proxy, so each request names its client in X-Forwarded-For; a grant
// seen from more than 2 networks in 30 days is flagged.
let shop: Shop;
let staff = "";
let reader = "";
let file: { id: string; productId: string };

const DAY_MS = 86_400_000;

beforeAll(async () => {
  shop = await startShop("shared-links", { TRUSTED_PROXY: "127.0.0.1", SHARED_LINK_NETWORKS: "2" });
  staff = await signIn(shop.app.url, DEMO.staff.email, DEMO.staff.password);
  reader = await signIn(shop.app.url, DEMO.reader.email, DEMO.reader.password);
  file = await shop.db.file("The Quiet Art of Binding.pdf");
});
afterAll(async () => {
  await shop?.stop();
});

/** A paid order of the demo reader with one unlimited grant: its order id and grant id. */
async function readerGrant(): Promise<{ orderId: string; grantId: string }> {
  const grantId = await shop.db.createGrant({
    email: DEMO.reader.email,
    fileId: file.id,
    productId: file.productId,
    limit: null,
  });
  const { orderItem } = await shop.db.prisma.downloadGrant.findUniqueOrThrow({
    where: { id: grantId },
    select: { orderItem: { select: { orderId: true } } },
  });
  return { orderId: orderItem.orderId, grantId };
}

/** GETs a download from `ip`, reading the body through; the query is a signed link's, or none (session). */
async function download(grantId: string, ip: string, options: { query?: string; cookie?: string } = {}) {
  const response = await fetch(
    `${shop.app.url}/api/downloads/${grantId}${options.query === undefined ? "" : `?${options.query}`}`,
    {
      redirect: "manual",
      headers: { "x-forwarded-for": ip, ...(options.cookie ? { cookie: options.cookie } : {}) },
    },
  );
  return { status: response.status, body: await response.text() };
}
const link = (grantId: string) => signedQuery(grantId, 600, shop.store.env.AUTH_SECRET);

const page = async (path: string) => {
  const response = await fetch(`${shop.app.url}${path}`, { headers: { cookie: staff } });
  expect(response.status).toBe(200);
  // React separates adjacent text with comments; read the text as a browser shows it.
  return (await response.text()).replaceAll("<!-- -->", "");
};
const grantRow = (html: string, grantId: string) =>
  html.split(`data-grant-id="${grantId}"`)[1]?.split("</tr>")[0] ?? "";
const sharedList = (html: string) => html.split('data-testid="shared-links"')[1]?.split("</ul>")[0] ?? "";

const act = async (fields: Record<string, string>, cookie = staff) =>
  callOrderAction(shop.app.url, "stopSharedLinksAction", fields, { cookie });
const generation = async (grantId: string) =>
  (await shop.db.prisma.downloadGrant.findUniqueOrThrow({ where: { id: grantId } })).linkGeneration;
const used = async (grantId: string) => (await shop.db.grant(grantId)).downloadsUsed;
const events = (grantId: string) =>
  shop.db.prisma.downloadEvent.findMany({ where: { grantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

describe("networks per grant", () => {
  it("counts distinct /24 and /64 networks over 24 hours and 30 days, flags past the threshold", async () => {
    const shared = await readerGrant();
    const quiet = await readerGrant();
    // Three networks today: two addresses of one IPv4 /24, two of one IPv6 /64, and another /24.
    for (const ip of ["203.0.113.10", "203.0.113.99", "198.51.100.7", "2001:db8:1:2::1", "2001:db8:1:2:ffff::9"])
      expect((await download(shared.grantId, ip, { query: link(shared.grantId) })).status, ip).toBe(200);
    // A forged link from a fourth network is anyone's guess, not where the link went.
    const forged = `${link(shared.grantId).slice(0, -4)}0000`;
    expect((await download(shared.grantId, "192.0.2.1", { query: forged })).status).toBe(404);
    // Older events, written as the download path writes them: one 3 days ago counts for 30 days only,
    // one 40 days ago not at all.
    const at = (days: number) => new Date(Date.now() - days * DAY_MS);
    await shop.db.prisma.downloadEvent.createMany({
      data: [
        { grantId: shared.grantId, createdAt: at(3), network: "100.64.1.0/24", outcome: "ALLOWED" },
        { grantId: shared.grantId, createdAt: at(40), network: "100.64.2.0/24", outcome: "ALLOWED" },
      ],
    });
    for (const ip of ["203.0.113.10", "2001:db8:9:9::1"])
      expect((await download(quiet.grantId, ip, { query: link(quiet.grantId) })).status).toBe(200);

    const logged = (await events(shared.grantId)).filter((event) => event.ip !== null);
    expect(logged.slice(0, 5).map((event) => event.network)).toEqual([
      "203.0.113.0/24",
      "203.0.113.0/24",
      "198.51.100.0/24",
      "2001:db8:1:2::/64",
      "2001:db8:1:2::/64",
    ]);
    expect(logged.find((event) => event.outcome === "BAD_SIGNATURE")?.network).toBe("192.0.2.0/24");

    const order = await page(`/admin/orders/${shared.orderId}`);
    expect(grantRow(order, shared.grantId)).toMatch(/data-testid="grant-networks"[^>]*><span[^>]*>4 \/ 3</);
    expect(grantRow(order, shared.grantId)).toContain("Link shared? Seen from 4 networks in 30 days (more than 2)");
    const calm = await page(`/admin/orders/${quiet.orderId}`);
    expect(grantRow(calm, quiet.grantId)).toMatch(/data-testid="grant-networks"[^>]*><span[^>]*>2 \/ 2</);
    expect(grantRow(calm, quiet.grantId)).not.toContain("shared-link-flag");

    const list = sharedList(await page("/admin"));
    expect(list).toContain(`href="/admin/orders/${shared.orderId}"`);
    expect(list).toContain(DEMO.reader.email);
    expect(list).toContain("The Quiet Art of Binding.pdf");
    expect(list).toContain("4 networks in 30 days · 3 in 24 h");
    expect(list).not.toContain(quiet.orderId);
  });
});

describe("stopping a grant's shared links", () => {
  it("refuses every link given out before with the replaced page, and nothing else", async () => {
    const { orderId, grantId } = await readerGrant();
    const old = link(grantId);
    // Links mailed before generations existed (generation 0, no g) work while the grant was never stopped.
    expect((await download(grantId, "203.0.113.20", { query: old })).status).toBe(200);
    const tampered = `${old}&g=1`;
    expect((await download(grantId, "203.0.113.20", { query: tampered })).status).toBe(404);

    const requestKey = randomUUID();
    const [first, replay] = await Promise.all([1, 2].map(() => act({ orderId, grantId, requestKey })));
    expect([first.state?.message, replay.state?.message].sort()).toEqual([
      expect.stringMatching(
        /^Stopped every link given out for The Quiet Art of Binding\.pdf\. The buyer's library still/,
      ),
      "These links were already stopped from this page: nothing changed.",
    ]);
    expect(await generation(grantId)).toBe(1);
    const audit = (await auditOf(shop.db, orderId)).filter((row) => row.action === "grant.stop_shared_links");
    expect(audit).toEqual([
      expect.objectContaining({
        targetType: "DownloadGrant",
        targetId: grantId,
        actorId: await shop.db.userId(DEMO.staff.email),
        details: expect.objectContaining({ linkGeneration: 1, requestKey }),
      }),
    ]);

    const before = await used(grantId);
    const refused = await download(grantId, "198.51.100.20", { query: old });
    expect(refused.status).toBe(410);
    expect(refused.body).toContain("This link was replaced");
    expect(refused.body).toContain('href="/library"');
    // A link of the current generation without its g is a forgery, not a generation-0 link.
    expect((await download(grantId, "198.51.100.20", { query: tampered })).status).toBe(404);
    expect(await used(grantId)).toBe(before);
    expect((await events(grantId)).at(-2)).toMatchObject({ outcome: "LINK_REPLACED", network: "198.51.100.0/24" });

    // The owner's library download is unaffected, and so are links made from now on.
    expect((await download(grantId, "198.51.100.20", { cookie: reader })).status).toBe(200);
    const copied = await copyLinkFromLibrary(grantId);
    expect(new URL(copied).searchParams.get("g")).toBe("1");
    expect((await download(grantId, "198.51.100.20", { query: new URL(copied).search.slice(1) })).status).toBe(200);

    const resend = await callOrderAction(
      shop.app.url,
      "resendReceiptAction",
      { orderId, requestKey: randomUUID() },
      { cookie: staff },
    );
    expect(resend.state).toMatchObject({ ok: true });
    const mail = outbox(shop.store)
      .filter((m) => m.text.includes(`/api/downloads/${grantId}?`))
      .at(-1);
    const mailed = new URL(/Download .+?: (\S+)/.exec(mail?.text ?? "")?.[1] ?? "http://missing/");
    expect(mailed.searchParams.get("g")).toBe("1");
    expect((await download(grantId, "198.51.100.20", { query: mailed.search.slice(1) })).status).toBe(200);

    // Stopping again from a new page view stops the generation-1 links too.
    expect((await act({ orderId, grantId, requestKey: randomUUID() })).state).toMatchObject({ ok: true });
    expect(await generation(grantId)).toBe(2);
    expect((await download(grantId, "198.51.100.20", { query: mailed.search.slice(1) })).status).toBe(410);
    const current = grantLinkQuery(grantId, 2, 600, shop.store.env.AUTH_SECRET);
    expect((await download(grantId, "198.51.100.20", { query: current })).status).toBe(200);

    const row = grantRow(await page(`/admin/orders/${orderId}`), grantId);
    expect(row).toContain("Links stopped 2 times");
  });

  it("a customer cannot stop links, not even on their own order; a grant of another order is not found", async () => {
    const { orderId, grantId } = await readerGrant();
    const other = await readerGrant();
    const call = await act({ orderId, grantId, requestKey: randomUUID() }, reader);
    expect(call.status).toBe(404);
    expect(call.state).toBeNull();
    expect(await generation(grantId)).toBe(0);
    expect((await act({ orderId, grantId: other.grantId, requestKey: randomUUID() })).state).toMatchObject({
      error: expect.stringContaining("No such download grant"),
    });
    expect(await generation(other.grantId)).toBe(0);
    const malformed = await act({ orderId, grantId, requestKey: "not-a-uuid" });
    expect(malformed.state?.fieldErrors).toHaveProperty("requestKey");
    expect(await generation(grantId)).toBe(0);
    expect((await download(grantId, "203.0.113.30", { query: link(grantId) })).status).toBe(200);
  });
});

/** The library's "Copy a link" server action, called as the reader's browser calls it. */
async function copyLinkFromLibrary(grantId: string): Promise<string> {
  const response = await callServerAction({
    baseUrl: shop.app.url,
    page: "/library",
    action: { file: "app/(store)/library/actions.ts", name: "copyLinkAction" },
    args: [grantId],
    cookie: reader,
  });
  const text = await response.text();
  const url = /"url":"([^"]+)"/.exec(text)?.[1];
  if (!url) throw new Error(`no link from copyLinkAction (${response.status}): ${text.slice(0, 300)}`);
  return url;
}
