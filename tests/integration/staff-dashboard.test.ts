import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app-server";
import { DEMO, signIn } from "../helpers/http-session";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment } from "../helpers/test-env";
import { insertOrder } from "./staff-fixtures";

const DAY_MS = 86_400_000;
let app: RunningApp;
let db: StoreDb;
let html: string;
const day = (offset: number) => new Date(Date.now() - offset * DAY_MS).toISOString().slice(0, 10);
const noonOf = (offset: number) => new Date(`${day(offset)}T12:00:00.000Z`);

beforeAll(async () => {
  const store = prepareTestEnvironment("staff-dashboard");
  db = new StoreDb(store.env.DATABASE_URL);
  const atlas = await db.prisma.product.findUniqueOrThrow({
    where: { slug: "atlas-of-small-harbors" },
    select: { id: true, title: true },
  });
  const addItem = (orderId: string) =>
    db.prisma.orderItem.create({
      data: { id: `itm_${orderId}`, orderId, productId: atlas.id, title: atlas.title, unitPriceCents: 2400 },
    });
  for (const offset of [3, 3, 5])
    await addItem(
      await insertOrder(db, { email: `dash-${offset}@example.com`, createdAt: noonOf(offset), totalCents: 2400 }),
    );
  // Refunds count against the day the order was paid.
  await addItem(
    await insertOrder(db, {
      email: "dash-refund@example.com",
      createdAt: noonOf(10),
      totalCents: 2400,
      refundedCents: 400,
      status: "PARTIALLY_REFUNDED",
    }),
  );
  await insertOrder(db, { email: "dash-old@example.com", createdAt: noonOf(40), totalCents: 99_900 });
  await insertOrder(db, {
    email: "dash-pending@example.com",
    createdAt: noonOf(1),
    totalCents: 5000,
    status: "PENDING",
    paidAt: null,
  });
  app = await startApp(store.env);
  const cookie = await signIn(app.url, DEMO.staff.email, DEMO.staff.password);
  // React separates adjacent text with comments; read the text as a browser shows it.
  html = (await (await fetch(`${app.url}/admin`, { headers: { cookie } })).text()).replaceAll("<!-- -->", "");
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

describe("dashboard", () => {
  it("charts net revenue per day of payment for the last 30 days, with a summary and the numbers as a table", () => {
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="revenue-title revenue-desc"/);
    expect(html.match(/<rect /g)).toHaveLength(30);
    expect(html).toContain(`<title>${day(3)}: $48.00 (2 orders)</title>`);
    expect(html).toContain(`<title>${day(10)}: $20.00 (1 order)</title>`);
    expect(html).toContain(`<title>${day(29)}: $0.00 (0 orders)</title>`);
    const chart = html.split('data-testid="revenue-chart"')[1]?.split("</figure>")[0] ?? "";
    expect(chart).not.toContain(day(40));
    expect(chart).not.toContain("$999");
    expect(html).toContain("Show the numbers");
  });

  it("shows counts beside the chart and the top books and recent orders below", () => {
    const stats = html.split('data-testid="dashboard-stats"')[1]?.split("</dl>")[0] ?? "";
    expect(stats).toContain("1 awaiting payment");
    expect(stats).toContain("$4.00"); // refunded
    const top = html.split('data-testid="top-books"')[1]?.split("</ol>")[0] ?? "";
    expect(top.indexOf("Atlas of Small Harbors")).toBeGreaterThan(-1);
    expect(top).toContain("4 sold");
    expect(top.indexOf("Atlas of Small Harbors")).toBeLessThan(top.indexOf("sold"));
    const recent = html.split('data-testid="recent-orders"')[1]?.split("</ul>")[0] ?? "";
    expect(recent).toContain("dash-pending@example.com");
  });

  it("lists no shared links while no grant's links were used from many networks", () => {
    expect(html).toContain("Links used from many networks");
    expect(html).toContain("No link looks shared.");
    expect(html).not.toContain('data-testid="shared-links"');
  });
});
