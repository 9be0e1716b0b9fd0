import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedQuery } from "@/lib/downloads/signed-link";
import { startApp, type RunningApp } from "../helpers/app-server";
import { DEMO, signIn } from "../helpers/http-session";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";
import { insertOrder, insertOrders } from "./staff-fixtures";

let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;
let cookie: string;
const inRange: string[] = [];

const FORMULA_EMAIL = '=HYPERLINK("http://evil.example","x")@example.com';
const FORMULA_TITLE = "-2+3+cmd|' /C calc'!A0";
const FORMULA_AGENT = "@SUM(1+1)*cmd|' /C calc'!A0";

beforeAll(async () => {
  store = prepareTestEnvironment("staff-exports");
  db = new StoreDb(store.env.DATABASE_URL);
  const product = (await db.prisma.product.findFirstOrThrow({ select: { id: true } })).id;
  // More than two batches of 500, and one row just outside each end of the range.
  const batch = Array.from({ length: 1203 }, (_, n) => ({
    email: `export-${n}@example.com`,
    createdAt: new Date(Date.UTC(2026, 4, 1 + (n % 3), 0, 0, n)),
  }));
  inRange.push(...(await insertOrders(db, batch)));
  await insertOrder(db, { email: "before@example.com", createdAt: new Date(Date.UTC(2026, 3, 30, 23, 59, 59, 999)) });
  await insertOrder(db, { email: "after@example.com", createdAt: new Date(Date.UTC(2026, 4, 4, 0, 0, 0)) });
  const evil = await insertOrder(db, { email: FORMULA_EMAIL, createdAt: new Date(Date.UTC(2026, 4, 2, 12)) });
  inRange.push(evil);
  await db.prisma.orderItem.create({
    data: { id: "itm_evil", orderId: evil, productId: product, title: FORMULA_TITLE, unitPriceCents: 1000 },
  });
  app = await startApp(store.env);
  cookie = await signIn(app.url, DEMO.staff.email, DEMO.staff.password);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

/** RFC 4180: quoted cells with doubled quotes, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const cell = /"((?:[^"]|"")*)"(,|\r\n)/g;
  let row: string[] = [];
  for (const match of text.matchAll(cell)) {
    row.push(match[1].replaceAll('""', '"'));
    if (match[2] === "\r\n") {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

async function exportCsv(kind: "orders" | "downloads", query: string) {
  const response = await fetch(`${app.url}/api/admin/exports/${kind}?${query}`, { headers: { cookie } });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes, rows: parseCsv(bytes.toString("utf8").replace(/^\uFEFF/, "")) };
}

describe("orders CSV", () => {
  it("streams every order created in the inclusive range, oldest first, as an attachment", async () => {
    const { response, bytes, rows } = await exportCsv("orders", "from=2026-05-01&to=2026-05-03");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="orders-2026-05-01-to-2026-05-03.csv"',
    );
    expect(response.headers.get("content-length")).toBeNull(); // streamed, not buffered
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...data] = rows;
    expect(header.slice(0, 5)).toEqual(["Order ID", "Created (UTC)", "Paid (UTC)", "Status", "Email"]);
    expect(data).toHaveLength(1204);
    expect(new Set(data.map((row) => row[0]))).toEqual(new Set(inRange));
    const created = data.map((row) => row[1]);
    expect(created).toEqual([...created].sort());
    expect(data.some((row) => row[4] === "before@example.com" || row[4] === "after@example.com")).toBe(false);
  });

  it("escapes cells a spreadsheet would run as formulas", async () => {
    const { bytes, rows } = await exportCsv("orders", "from=2026-05-02&to=2026-05-02");
    const evil = rows.find((row) => row[4].includes("HYPERLINK"));
    expect(evil?.[4]).toBe(`'${FORMULA_EMAIL}`);
    expect(evil?.[6]).toBe(`'${FORMULA_TITLE}`);
    const text = bytes.toString("utf8");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")@example.com"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it.each([
    ["no dates", ""],
    ["a missing end", "from=2026-05-01"],
    ["an impossible date", "from=2026-02-30&to=2026-03-01"],
    ["a start after the end", "from=2026-05-03&to=2026-05-01"],
  ])("answers 400 for %s", async (_label, query) => {
    const response = await fetch(`${app.url}/api/admin/exports/orders?${query}`, { headers: { cookie } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choose a date range");
  });
});

describe("download log CSV", () => {
  it("exports attempts with what the client sent, escaped", async () => {
    const grant = await db.prisma.downloadGrant.findFirstOrThrow({
      where: { orderItem: { order: { email: DEMO.reader.email } } },
      select: { id: true },
    });
    const download = await fetch(
      `${app.url}/api/downloads/${grant.id}?${signedQuery(grant.id, 600, store.env.AUTH_SECRET)}`,
      {
        headers: { "user-agent": FORMULA_AGENT, range: "bytes=0-9" },
      },
    );
    expect(download.status).toBe(206);
    await download.arrayBuffer();

    const today = new Date().toISOString().slice(0, 10);
    const { response, rows } = await exportCsv("downloads", `from=${today}&to=${today}`);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="downloads-${today}-to-${today}.csv"`,
    );
    const [header, ...data] = rows;
    expect(header).toEqual([
      "Time (UTC)",
      "Event ID",
      "Outcome",
      "Order ID",
      "Grant ID",
      "Book",
      "File",
      "File version",
      "Customer email",
      "IP",
      "User agent",
      "Range",
      "Backend",
    ]);
    const row = data.find((cells) => cells[4] === grant.id);
    expect(row?.[2]).toBe("ALLOWED");
    expect(row?.[8]).toBe(DEMO.reader.email);
    expect(row?.[9]).toBe("127.0.0.1");
    expect(row?.[10]).toBe(`'${FORMULA_AGENT}`);
    expect(row?.[11]).toBe("bytes=0-9");
  });
});
