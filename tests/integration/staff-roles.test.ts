import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, signIn } from "../helpers/http-session";
import { startShop, type Shop } from "../helpers/shop";
import { callOrderAction, serverActionIds } from "../helpers/server-action";
import { auditOf, buyAsGuest, grantsOf, type BoughtOrder } from "./staff-fixtures";

let shop: Shop;
let ids: Record<string, string>;
const cookies = { anonymous: "", customer: "", staff: "", admin: "" };
/** One paid order per role that may act, so each role's calls really change something. */
const orders: Record<"staff" | "admin" | "victim", BoughtOrder> = {} as never;

beforeAll(async () => {
  shop = await startShop("staff-roles");
  ids = serverActionIds("app/(store)/admin/orders/actions.ts");
  cookies.customer = await signIn(shop.app.url, DEMO.reader.email, DEMO.reader.password);
  cookies.staff = await signIn(shop.app.url, DEMO.staff.email, DEMO.staff.password);
  cookies.admin = await signIn(shop.app.url, DEMO.admin.email, DEMO.admin.password);
  for (const key of ["staff", "admin", "victim"] as const) {
    orders[key] = await buyAsGuest(
      shop,
      ["field-notes-on-typography", "letters-from-the-lighthouse"],
      `roles-${key}@example.com`,
    );
  }
  // Used downloads and an expiry, so reset and extend have something to change.
  await shop.db.prisma.downloadGrant.updateMany({
    data: { downloadsUsed: 2, expiresAt: new Date(Date.now() + 86_400_000) },
  });
});
afterAll(async () => {
  await shop?.stop();
});

const get = (path: string, cookie = "", method = "GET") =>
  fetch(`${shop.app.url}${path}`, { method, headers: { cookie }, redirect: "manual" });

const PAGES = () => [
  "/admin",
  "/admin/orders",
  "/admin/orders?q=roles-&status=PAID",
  `/admin/orders/${orders.victim.orderId}`,
];
const EXPORTS = [
  "/api/admin/exports/orders?from=2026-01-01&to=2030-12-31",
  "/api/admin/exports/downloads?from=2026-01-01&to=2030-12-31",
];

describe("staff pages and export routes, requested directly", () => {
  it("send an anonymous visitor to sign in and back", async () => {
    for (const path of [...PAGES(), ...EXPORTS]) {
      const response = await get(path);
      expect(response.status, path).toBe(307);
      expect(response.headers.get("location"), path).toBe(`/signin?callbackUrl=${encodeURIComponent(path)}`);
    }
  });

  it("are 404 for a customer", async () => {
    for (const path of [...PAGES(), ...EXPORTS]) expect((await get(path, cookies.customer)).status, path).toBe(404);
  });

  it.each(["staff", "admin"] as const)("open to %s", async (role) => {
    for (const path of PAGES()) expect((await get(path, cookies[role])).status, path).toBe(200);
    for (const path of EXPORTS) {
      const response = await get(path, cookies[role]);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    }
  });

  it("an unknown order is 404 for staff too", async () => {
    expect((await get("/admin/orders/no-such-order", cookies.staff)).status).toBe(404);
  });

  it("exports change nothing, so only GET is routed: POST is refused", async () => {
    for (const path of EXPORTS) expect((await get(path, cookies.staff, "POST")).status, path).toBe(405);
  });
});

/** Valid input for each action against `order`; every call of the matrix uses these. */
async function fieldsFor(action: string, order: BoughtOrder): Promise<Record<string, string | string[]>> {
  const [grant] = await grantsOf(shop.db, order.orderId);
  const until = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  switch (action) {
    case "refundItemsAction":
      return { orderId: order.orderId, itemId: [order.items[0].id] };
    case "extendExpiryAction":
      return { orderId: order.orderId, grantId: grant.id, until, requestKey: randomUUID() };
    case "resendReceiptAction":
      return { orderId: order.orderId, requestKey: randomUUID() };
    case "stopSharedLinksAction":
      return { orderId: order.orderId, grantId: grant.id, requestKey: randomUUID() };
    case "refundOrderAction":
      return { orderId: order.orderId };
    default:
      return { orderId: order.orderId, grantId: grant.id, requestKey: randomUUID() };
  }
}

// Restore after revoke, refund of the whole order last: each call of a role has something to do.
const AUDITED_AS: Record<string, string> = {
  revokeAccessAction: "grant.revoke",
  restoreAccessAction: "grant.restore",
  resetDownloadsAction: "grant.reset_downloads",
  extendExpiryAction: "grant.extend_expiry",
  resendReceiptAction: "order.resend_receipt",
  stopSharedLinksAction: "grant.stop_shared_links",
  refundItemsAction: "order.refund",
  refundOrderAction: "order.refund",
};
const ACTIONS = [
  "revokeAccessAction",
  "restoreAccessAction",
  "resetDownloadsAction",
  "extendExpiryAction",
  "resendReceiptAction",
  "stopSharedLinksAction",
  "refundItemsAction",
  "refundOrderAction",
];

describe("every staff server action, called directly", () => {
  it("the build has exactly these staff actions", () => {
    expect(Object.keys(ids).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(ACTIONS)("%s is 404 for anonymous callers and customers, and changes nothing", async (action) => {
    const before = {
      grants: await grantsOf(shop.db, orders.victim.orderId),
      audit: await auditOf(shop.db, orders.victim.orderId),
    };
    for (const cookie of [cookies.anonymous, cookies.customer]) {
      const call = await callOrderAction(shop.app.url, action, await fieldsFor(action, orders.victim), { cookie });
      expect(call.status).toBe(404);
      expect(call.state).toBeNull();
      // Posted from any other page: refused too. (Since proxy.ts exists, Next 16 answers such a call
      // with an empty payload instead of forwarding it to the action; either way no state comes back
      // and, below, nothing changed.)
      const forwarded = await callOrderAction(shop.app.url, action, await fieldsFor(action, orders.victim), {
        cookie,
        page: "/admin",
      });
      expect(forwarded.state).toBeNull();
    }
    expect({
      grants: await grantsOf(shop.db, orders.victim.orderId),
      audit: await auditOf(shop.db, orders.victim.orderId),
    }).toEqual(before);
  });

  it.each(ACTIONS)("%s works for staff and for admins, and audits who did it", async (action) => {
    for (const role of ["staff", "admin"] as const) {
      const actor = await shop.db.userId(DEMO[role].email);
      const audited = async () =>
        (await auditOf(shop.db, orders[role].orderId)).filter(
          (row) => row.action === AUDITED_AS[action] && row.actorId === actor,
        ).length;
      const before = await audited();
      const call = await callOrderAction(shop.app.url, action, await fieldsFor(action, orders[role]), {
        cookie: cookies[role],
      });
      expect(call.status, role).toBe(200);
      expect(call.state, role).toMatchObject({ ok: true });
      expect(await audited(), `${role}: ${call.state?.message}`).toBe(before + 1);
    }
  });

  it.each([
    ["a cross-site page", "https://evil.example"],
    ["a sandboxed or privacy-stripped context (Origin: null)", "null"],
  ])("a staff member's browser tricked by %s is refused by the Origin check", async (_label, origin) => {
    const before = await grantsOf(shop.db, orders.victim.orderId);
    const call = await callOrderAction(
      shop.app.url,
      "revokeAccessAction",
      { orderId: orders.victim.orderId },
      { cookie: cookies.staff, origin },
    );
    expect(call.status).toBe(500);
    expect(call.state).toBeNull();
    expect(await grantsOf(shop.db, orders.victim.orderId)).toEqual(before);
  });

  it("a request with no Origin at all (which Next.js would let through) is refused by the action wrapper", async () => {
    const before = await grantsOf(shop.db, orders.victim.orderId);
    const call = await callOrderAction(
      shop.app.url,
      "revokeAccessAction",
      { orderId: orders.victim.orderId },
      { cookie: cookies.staff, origin: null },
    );
    expect(call.state).not.toMatchObject({ ok: true });
    expect(await grantsOf(shop.db, orders.victim.orderId)).toEqual(before);
  });
});
