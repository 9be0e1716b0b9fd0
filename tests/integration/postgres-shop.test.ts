import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresCluster } from "../helpers/postgres";
import { outbox, startShop, type Shop } from "../helpers/shop";

// The built app with DATABASE_URL=postgresql://…: boots, reports healthy, sells a book through the Stripe
// emulator (webhook) and lets the buyer download it, every row living in PostgreSQL.

let cluster: PostgresCluster | undefined;
let shop: Shop | undefined;
let sql: pg.Client | undefined;

beforeAll(async () => {
  cluster = await startPostgres();
  const databaseUrl = await cluster.createDatabase("shop");
  shop = await startShop("postgres-shop", { DATABASE_URL: databaseUrl, SENDFILE_BACKEND: "node" });
  sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await shop?.stop();
  cluster?.stop();
});

function running() {
  if (!shop || !sql) throw new Error("the shop did not start");
  return { shop, sql };
}

async function rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await running().sql.query(text, values)).rows as T[];
}

async function checkout(slug: string): Promise<{ sessionId: string; orderId: string }> {
  const { shop } = running();
  const [book] = await rows<{ id: string }>(`SELECT id FROM "Product" WHERE slug = $1`, [slug]);
  expect(book).toBeDefined();
  const response = await fetch(`${shop.app.url}/api/checkout`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: shop.app.url, cookie: `bindery_cart=${book.id}` },
  });
  expect(response.status).toBe(303);
  const sessionId = (response.headers.get("location") ?? "").split("/pay/")[1] ?? "";
  const [order] = await rows<{ id: string }>(`SELECT id FROM "Order" WHERE "stripeCheckoutSessionId" = $1`, [
    sessionId,
  ]);
  expect(order).toBeDefined();
  return { sessionId, orderId: order.id };
}

const control = (shop: Shop, route: string, body: unknown = {}) =>
  fetch(`${shop.emulator.url}/_emulator${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then((response) => response.json());

describe("the app on PostgreSQL", () => {
  it("boots on a postgresql:// URL and reports the database healthy", async () => {
    const response = await fetch(`${running().shop.app.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  });

  it("lists the catalog seeded into PostgreSQL, and its search ignores case as on SQLite", async () => {
    const [{ count }] = await rows<{ count: string }>(`SELECT COUNT(*) AS count FROM "Product" WHERE published`);
    expect(Number(count)).toBeGreaterThan(0);
    const search = async (q: string) => (await fetch(`${running().shop.app.url}/?q=${encodeURIComponent(q)}`)).text();
    expect(await search("no such book")).not.toContain("Field Notes on Typography");
    expect(await search("FIELD NOTES")).toContain("Field Notes on Typography");
  });

  it("a guest pays through the webhook, gets a receipt, and downloads the exact file", async () => {
    const { shop } = running();
    const { sessionId, orderId } = await checkout("field-notes-on-typography");
    await control(shop, `/sessions/${sessionId}/pay`, { outcome: "paid", email: "pg-guest@example.com" });
    await shop.emulator.idle();

    const [order] = await rows<{ status: string }>(`SELECT status FROM "Order" WHERE id = $1`, [orderId]);
    expect(order.status).toBe("PAID");
    const files = await rows<{ storageKey: string; sha256: string }>(
      `SELECT f."storageKey", f.sha256 FROM "DownloadGrant" g JOIN "OrderItem" i ON i.id = g."orderItemId"
       JOIN "ProductFile" f ON f.id = g."productFileId" WHERE i."orderId" = $1 AND f."contentType" = 'application/pdf'`,
      [orderId],
    );
    expect(files).toHaveLength(1);

    const receipts = outbox(shop.store).filter((mail) => mail.to === "pg-guest@example.com");
    expect(receipts).toHaveLength(1);
    const links = [...receipts[0].text.matchAll(/Download (.+?\.pdf): (\S+)/g)].map((match) => match[2]);
    expect(links).toHaveLength(1);
    const download = await fetch(links[0]);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(files[0].sha256);
    expect(bytes.equals(readFileSync(path.join(shop.store.env.PROTECTED_ROOT, files[0].storageKey)))).toBe(true);
  });

  it("20 copies of the same event at once fulfil exactly once", async () => {
    const { shop } = running();
    await control(shop, "/hold");
    const { sessionId, orderId } = await checkout("atlas-of-small-harbors");
    await control(shop, `/sessions/${sessionId}/pay`, { outcome: "paid", email: "pg-twenty@example.com" });
    const completed = shop.emulator
      .events()
      .find((event) => event.type === "checkout.session.completed" && event.object_id === sessionId);
    expect(completed).toBeDefined();
    const payload = JSON.stringify(completed?.event);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${shop.app.url}/api/stripe/webhook`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "stripe-signature": shop.stripe.webhooks.generateTestHeaderString({ payload, secret: shop.webhookSecret }),
          },
          body: payload,
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    await control(shop, "/release");
    await shop.emulator.idle();
    const [order] = await rows<{ status: string }>(`SELECT status FROM "Order" WHERE id = $1`, [orderId]);
    expect(order.status).toBe("PAID");
    const grants = await rows(
      `SELECT g.id FROM "DownloadGrant" g JOIN "OrderItem" i ON i.id = g."orderItemId" WHERE i."orderId" = $1`,
      [orderId],
    );
    expect(grants).toHaveLength(1);
    expect(outbox(shop.store).filter((mail) => mail.to === "pg-twenty@example.com")).toHaveLength(1);
  });
});
