import type { OrderStatus } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app-server";
import { DEMO, signIn } from "../helpers/http-session";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment } from "../helpers/test-env";
import { insertOrders } from "./staff-fixtures";

interface Seeded {
  id: string;
  email: string;
  status: OrderStatus;
  createdAt: Date;
  totalCents: number;
}

let app: RunningApp;
let db: StoreDb;
let cookie: string;
const seeded: Seeded[] = [];

beforeAll(async () => {
  const store = prepareTestEnvironment("staff-orders-list");
  db = new StoreDb(store.env.DATABASE_URL);
  const rows = Array.from({ length: 130 }, (_, n): Omit<Seeded, "id"> => ({
    email: `list-${String(n).padStart(3, "0")}@example.com`,
    status: n % 4 === 0 ? "REFUNDED" : "PAID",
    // Groups of three share a timestamp, and totals repeat: pages must break ties by id.
    createdAt: new Date(Date.UTC(2026, 2, 1 + (n % 10), 12, 0, Math.floor(n / 3))),
    totalCents: 500 + (n % 7) * 100,
  }));
  const ids = await insertOrders(
    db,
    rows.map((row, n) => ({ ...row, sessionId: `cs_test_list_${n}`, paymentIntentId: `pi_test_list_${n}` })),
  );
  seeded.push(...rows.map((row, n) => ({ id: ids[n], ...row })));
  app = await startApp(store.env);
  cookie = await signIn(app.url, DEMO.staff.email, DEMO.staff.password);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

interface ListPage {
  ids: string[];
  next: string | null;
  previous: string | null;
  count: string;
}

const decode = (href: string) => href.replaceAll("&amp;", "&");

async function list(pathAndQuery: string): Promise<ListPage> {
  const response = await fetch(`${app.url}${pathAndQuery}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const html = await response.text();
  const table = html.split('data-testid="orders-table"')[1]?.split("</table>")[0] ?? "";
  const link = (rel: string) => {
    const tag = new RegExp(`<a[^>]*rel="${rel}"[^>]*>`).exec(html)?.[0];
    return tag ? decode(/href="([^"]+)"/.exec(tag)?.[1] ?? "") : null;
  };
  return {
    ids: [...table.matchAll(/href="\/admin\/orders\/([^"]+)"/g)].map((m) => m[1]),
    next: link("next"),
    previous: link("prev"),
    count: /data-testid="orders-count"[^>]*>([^<]+)/.exec(html)?.[1] ?? "",
  };
}

/** Follows "Next page" from `start` to the end, then "Previous page" back to the start. */
async function walk(start: string) {
  const forward: ListPage[] = [await list(start)];
  while (forward.at(-1)?.next) forward.push(await list(forward.at(-1)?.next ?? ""));
  const backward: ListPage[] = [forward.at(-1) as ListPage];
  while (backward.at(-1)?.previous) backward.push(await list(backward.at(-1)?.previous ?? ""));
  return { forward, backward: backward.reverse() };
}

const newestFirst = (a: Seeded, b: Seeded) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);

describe("orders list", () => {
  it("pages through every match once, newest first with ties broken by id, and back again", async () => {
    const { forward, backward } = await walk("/admin/orders?q=list-");
    expect(forward.map((page) => page.ids.length)).toEqual([50, 50, 30]);
    expect(forward.flatMap((page) => page.ids)).toEqual([...seeded].sort(newestFirst).map((row) => row.id));
    expect(backward.map((page) => page.ids)).toEqual(forward.map((page) => page.ids));
    expect(forward[0].previous).toBeNull();
    expect(forward[0].count).toBe("130 orders");
  });

  it("sorts by total, keeping the filters in the page links", async () => {
    const { forward } = await walk("/admin/orders?q=list-&sort=total-asc");
    const expected = [...seeded]
      .sort((a, b) => a.totalCents - b.totalCents || (a.id < b.id ? -1 : 1))
      .map((row) => row.id);
    expect(forward.flatMap((page) => page.ids)).toEqual(expected);
    expect(forward[0].next).toContain("sort=total-asc");
    expect(forward[0].next).toContain("q=list-");
  });

  it("filters by status and by an inclusive range of creation days", async () => {
    const refunded = await walk("/admin/orders?q=list-&status=REFUNDED");
    expect(refunded.forward.flatMap((page) => page.ids).sort()).toEqual(
      seeded
        .filter((row) => row.status === "REFUNDED")
        .map((row) => row.id)
        .sort(),
    );

    const days = await walk("/admin/orders?q=list-&from=2026-03-02&to=2026-03-03");
    const inRange = seeded.filter((row) => row.createdAt.getUTCDate() === 2 || row.createdAt.getUTCDate() === 3);
    expect(days.forward.flatMap((page) => page.ids).sort()).toEqual(inRange.map((row) => row.id).sort());
    expect(inRange.length).toBe(26);
  });

  it.each([
    ["a full email, in any case", "LIST-007@Example.com", [7]],
    ["part of an email", "list-12", [120, 121, 122, 123, 124, 125, 126, 127, 128, 129]],
    ["a Checkout Session id", "cs_test_list_42", [42]],
    ["a PaymentIntent id", "pi_test_list_43", [43]],
  ])("finds orders by %s", async (_label, q, expected) => {
    const page = await list(`/admin/orders?q=${encodeURIComponent(q)}`);
    expect(page.ids.sort()).toEqual(expected.map((n) => seeded[n].id).sort());
  });

  it("finds an order by its id", async () => {
    expect((await list(`/admin/orders?q=${seeded[99].id}`)).ids).toEqual([seeded[99].id]);
  });

  it("ignores malformed parameters instead of failing, so an old shared link still opens", async () => {
    const page = await list("/admin/orders?q=list-&sort=bogus&status=NOPE&from=2026-02-30&after=not-a-cursor");
    expect(page.ids).toEqual(
      [...seeded]
        .sort(newestFirst)
        .slice(0, 50)
        .map((row) => row.id),
    );
  });
});
