import type { OrderStatus } from "@prisma/client";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertLegacyCustomer } from "../helpers/accounts";
import { pdfBytes, uploadBookFile } from "../helpers/admin-fixtures";
import { DEMO, signIn } from "../helpers/http-session";
import { actionStateIn, callServerAction } from "../helpers/server-action";
import { startShop, type Shop } from "../helpers/shop";
import { startSmtpServer, waitFor, type SmtpServer } from "../helpers/smtp";

// New versions reach their owners: the changelog in the library, the "New version" badge, the owners'
// mail (once per version and address, in batches of 2 here so a run can stop part-way), and the opt-out.
let smtp: SmtpServer;
let shop: Shop;
let admin = "";
let staff = "";
let reader = "";
let other = "";
let book: { id: string; v1: string };
let v2 = "";
let v3 = "";

const prisma = () => shop.db.prisma;
const BOOK_FILE = "The Quiet Art of Binding.pdf";
const CHANGELOG = "Chapter 3 rewritten.\nTypos fixed <everywhere> & the index redone.";

beforeAll(async () => {
  smtp = await startSmtpServer();
  shop = await startShop("editions", {
    SMTP_URL: smtp.url,
    MAIL_POLL_SECONDS: "1",
    MAIL_RETRY_BASE_SECONDS: "1",
    MAIL_NOTICE_BATCH_SIZE: "2",
  });
  admin = await signIn(shop.app.url, DEMO.admin.email, DEMO.admin.password);
  staff = await signIn(shop.app.url, DEMO.staff.email, DEMO.staff.password);
  reader = await signIn(shop.app.url, DEMO.reader.email, DEMO.reader.password);
  await insertLegacyCustomer(shop.db, "other@example.com", "other-reader-password", true);
  other = await signIn(shop.app.url, "other@example.com", "other-reader-password");
  const file = await shop.db.file(BOOK_FILE);
  book = { id: file.productId, v1: file.id };
});
afterAll(async () => {
  await shop?.stop();
  await smtp?.stop();
});

/** A paid order of the book with a grant of version 1, as a guest or attached to an account. */
async function addOwner(
  email: string,
  options: { userId?: string; status?: OrderStatus; file?: { id: string; productId: string } } = {},
) {
  const order = await prisma().order.create({
    data: {
      id: `ord_${randomUUID()}`,
      email,
      userId: options.userId ?? null,
      status: options.status ?? "PAID",
      currency: "usd",
      subtotalCents: 100,
      totalCents: 100,
      paidAt: new Date(),
      items: {
        create: {
          id: `itm_${randomUUID()}`,
          productId: options.file?.productId ?? book.id,
          title: "A book",
          unitPriceCents: 100,
          grants: { create: { productFileId: options.file?.id ?? book.v1, downloadLimit: 5 } },
        },
      },
    },
  });
  return order.id;
}

const grantOf = async (orderId: string, fileId: string) =>
  (
    await prisma().downloadGrant.findFirstOrThrow({
      where: { productFileId: fileId, orderItem: { orderId } },
      select: { id: true },
    })
  ).id;

async function newVersion(replaces: string, marker: string): Promise<string> {
  const response = await uploadBookFile(shop.app.url, book.id, pdfBytes(8192, marker), { cookie: admin, replaces });
  expect(response.status).toBe(201);
  return ((await response.json()) as { file: { id: string } }).file.id;
}

interface Called {
  body: string;
  state: { ok?: boolean; error?: string; message?: string; fieldErrors?: Record<string, string[]> } | null;
  notFound: boolean;
}

async function bookAction(name: string, fields: Record<string, string>, cookie?: string): Promise<Called> {
  const response = await callServerAction({
    baseUrl: shop.app.url,
    page: `/admin/books/${book.id}`,
    action: { file: "app/(store)/admin/books/actions.ts", name },
    fields,
    cookie,
  });
  const text = await response.text();
  return {
    body: text,
    state: actionStateIn(text),
    notFound: response.status === 404 || text.includes("NEXT_HTTP_ERROR_FALLBACK;404"),
  };
}

const saveChangelog = (fileId: string, changelog: string, cookie = admin) =>
  bookAction("saveChangelogAction", { bookId: book.id, fileId, changelog }, cookie);
const notify = (fileId: string, cookie = admin) =>
  bookAction("notifyOwnersAction", { bookId: book.id, fileId }, cookie);

const page = async (path: string, cookie?: string) => {
  const response = await fetch(`${shop.app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  // React separates adjacent text with <!-- -->: read the text as a person would.
  return { status: response.status, html: (await response.text()).replaceAll("<!-- -->", "") };
};

/** Whose new-version mails for `fileId` are queued, by lowercased address. */
const noticeRows = (fileId: string) =>
  prisma().outboxMail.findMany({
    where: { dedupeKey: { startsWith: `new-version:${fileId}:` } },
    orderBy: { to: "asc" },
    select: { to: true, dedupeKey: true, subject: true, text: true, html: true },
  });
/** What the SMTP server accepted for an address (servers may lowercase the domain). */
const received = (email: string) =>
  smtp.received.filter((mail) => mail.to.some((to) => to.toLowerCase() === email.toLowerCase()));
const optOuts = async () => (await prisma().mailOptOut.findMany({ orderBy: { email: "asc" } })).map((r) => r.email);

// Owners of version 1 before version 2 is uploaded; the upload gives version 2 to those still paid.
const OWNERS = {
  reader: DEMO.reader.email, // the seeded order, attached to the demo account
  renamed: "renamed@example.com", // an account whose order was placed under its old address
  guestA: "guest-a@example.com", // two orders: one mail
  guestB: "Guest-B@Example.com", // partly refunded, still owns the book; mixed case
  guestC: "guest-c@example.com",
  guestD: "guest-d@example.com",
  revoked: "revoked@example.com",
  refunded: "refunded@example.com",
  expired: "expired@example.com",
  disputed: "disputed@example.com",
  exhausted: "exhausted@example.com",
  optedOut: "opted-out@example.com",
};
const ELIGIBLE_V2 = [OWNERS.reader, OWNERS.renamed, OWNERS.guestA, OWNERS.guestB, OWNERS.guestC, OWNERS.guestD];
const orders: Record<string, string[]> = {};

describe("a new version with its changelog", () => {
  it("arrange: owners of version 1, then version 2 uploaded and given to the paid ones", async () => {
    const renamedId = await insertLegacyCustomer(shop.db, OWNERS.renamed, "renamed-password-123", true);
    orders.renamed = [await addOwner("renamed-old@example.com", { userId: renamedId })];
    orders.guestA = [await addOwner(OWNERS.guestA), await addOwner(OWNERS.guestA)];
    orders.guestB = [await addOwner(OWNERS.guestB, { status: "PARTIALLY_REFUNDED" })];
    for (const key of ["guestC", "guestD", "revoked", "refunded", "expired", "disputed", "exhausted", "optedOut"])
      orders[key] = [await addOwner(OWNERS[key as keyof typeof OWNERS])];
    await prisma().mailOptOut.create({ data: { email: OWNERS.optedOut } });

    v2 = await newVersion(book.v1, "second edition");
    await shop.db.revoke(await grantOf(orders.revoked[0], v2), "abuse");
    await prisma().order.update({ where: { id: orders.refunded[0] }, data: { status: "REFUNDED" } });
    await prisma().order.update({ where: { id: orders.disputed[0] }, data: { status: "DISPUTED" } });
    await prisma().downloadGrant.update({
      where: { id: await grantOf(orders.expired[0], v2) },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    await prisma().downloadGrant.update({
      where: { id: await grantOf(orders.exhausted[0], v2) },
      data: { downloadLimit: 1, downloadsUsed: 1 },
    });
  });

  it("customers, staff and visitors cannot save a changelog or mail owners", async () => {
    for (const cookie of [reader, staff, ""]) {
      expect((await saveChangelog(v2, "Hacked", cookie)).notFound).toBe(true);
      expect((await notify(v2, cookie)).notFound).toBe(true);
    }
    expect((await prisma().productFile.findUniqueOrThrow({ where: { id: v2 } })).changelog).toBeNull();
    expect(await prisma().versionNotice.count()).toBe(0);
    expect(await noticeRows(v2)).toEqual([]);
  });

  it("an admin cannot mail the owners of a first version (its buyers got it with their receipt)", async () => {
    expect((await notify(book.v1)).state?.error).toMatch(/first version/);
    expect(await prisma().versionNotice.count()).toBe(0);
  });

  it("an admin writes what changed: trimmed, at most 2000 characters, audited once", async () => {
    const tooLong = await saveChangelog(v2, "x".repeat(2001));
    // The refusal echoes the 2001 characters back, which Flight sends as a separate text row.
    expect(tooLong.body).toContain("At most 2000 characters.");
    expect((await prisma().productFile.findUniqueOrThrow({ where: { id: v2 } })).changelog).toBeNull();

    expect((await saveChangelog(v2, `  ${CHANGELOG}\n  `)).state).toMatchObject({ ok: true });
    expect((await saveChangelog(v2, CHANGELOG)).state).toMatchObject({ ok: true });
    expect((await prisma().productFile.findUniqueOrThrow({ where: { id: v2 } })).changelog).toBe(CHANGELOG);
    expect(await prisma().auditLog.count({ where: { action: "file.changelog", targetId: v2 } })).toBe(1);

    const { html } = await page(`/admin/books/${book.id}`, admin);
    expect(html).toContain("Typos fixed &lt;everywhere&gt; &amp; the index redone.");
    expect(html).toContain(`Will mail ${ELIGIBLE_V2.length} owners`);
  });

  it("the owner's library shows the version, its date and changelog; nobody else's does", async () => {
    const mine = await page("/library", reader);
    expect(mine.html).toContain("What changed in version 2");
    expect(mine.html).toContain("Typos fixed &lt;everywhere&gt; &amp; the index redone.");
    expect(mine.html).not.toContain("<everywhere>");
    const today = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(new Date());
    expect(mine.html).toContain(`version 2 of ${today}`);

    await addOwner("other@example.com", {
      userId: await shop.db.userId("other@example.com"),
      file: await shop.db.file("Letters from the Lighthouse.pdf"),
    });
    const theirs = await page("/library", other);
    expect(theirs.status).toBe(200);
    expect(theirs.html).toContain("Letters from the Lighthouse");
    expect(theirs.html).not.toContain("The Quiet Art of Binding");
    expect(theirs.html).not.toContain("Chapter 3 rewritten");
    expect(theirs.html).not.toContain('data-testid="new-version-badge"');
  });

  it('the "New version" badge stays until the owner downloads that version, then goes', async () => {
    const badge = async () => (await page("/library", reader)).html.includes('data-testid="new-version-badge"');
    const seedOrder = (
      await prisma().order.findUniqueOrThrow({ where: { stripeCheckoutSessionId: "cs_demo_reader_first_order" } })
    ).id;
    const download = async (grantId: string) => {
      const response = await fetch(`${shop.app.url}/api/downloads/${grantId}`, { headers: { cookie: reader } });
      await response.arrayBuffer();
      expect(response.status).toBeLessThan(300);
    };
    expect(await badge()).toBe(true);
    expect((await page("/library", reader)).html).toContain('New version<span class="sr-only"> not downloaded yet');

    await download(await grantOf(seedOrder, book.v1));
    expect(await badge()).toBe(true);
    await download(await grantOf(seedOrder, v2));
    expect(await badge()).toBe(false);
    // Staff resetting the count (the order page's action) does not make a downloaded version new again.
    const grantId = await grantOf(seedOrder, v2);
    const reset = await callServerAction({
      baseUrl: shop.app.url,
      page: `/admin/orders/${seedOrder}`,
      action: { file: "app/(store)/admin/orders/actions.ts", name: "resetDownloadsAction" },
      fields: { orderId: seedOrder, grantId, requestKey: randomUUID() },
      cookie: staff,
    });
    expect(actionStateIn(await reset.text())?.ok).toBe(true);
    expect((await shop.db.grant(grantId)).downloadsUsed).toBe(0);
    expect(await badge()).toBe(false);
  });
});

describe("mailing the owners of version 2", () => {
  let failingOwner = "";

  it("stops part-way when the outbox refuses a mail, keeping what whole batches queued", async () => {
    // The owner of the last eligible grant (grant id order, as the run reads them) with a single grant:
    // the batches before it commit, its batch does not.
    const grants = await prisma().downloadGrant.findMany({
      where: { productFileId: v2 },
      orderBy: { id: "asc" },
      select: { orderItem: { select: { order: { select: { email: true, user: { select: { email: true } } } } } } },
    });
    const owners = grants.map(({ orderItem: { order } }) => order.user?.email ?? order.email);
    const eligible = owners.filter((email) => ELIGIBLE_V2.includes(email));
    failingOwner = [...eligible].reverse().find((email) => eligible.filter((e) => e === email).length === 1) ?? "";
    expect(eligible.indexOf(failingOwner)).toBeGreaterThanOrEqual(2);

    const restore = await shop.db.failInsertsInto("OutboxMail", "disk full", failingOwner);
    let result: Called;
    try {
      result = await notify(v2);
    } finally {
      await restore();
    }
    expect(result.state?.error).toMatch(/^Stopped after \d+ owners? w(as|ere) mailed/);
    const notice = await prisma().versionNotice.findUniqueOrThrow({ where: { productFileId: v2 } });
    expect(notice.completedAt).toBeNull();
    const queued = await noticeRows(v2);
    expect(queued.length).toBe(notice.queued);
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.length).toBeLessThan(ELIGIBLE_V2.length);
    expect(queued.map((row) => row.to)).not.toContain(failingOwner);
    const { html } = await page(`/admin/books/${book.id}`, admin);
    expect(html).toContain(`Resume mailing owners about version 2`);
  });

  it("run again, it resumes: exactly one mail per owner who may download, none to the others", async () => {
    const { state } = await notify(v2);
    expect(state).toMatchObject({ ok: true, message: `Mailed ${ELIGIBLE_V2.length} owners.` });
    const rows = await noticeRows(v2);
    expect(rows.map((row) => row.to).sort()).toEqual([...ELIGIBLE_V2].sort());
    expect(rows.map((row) => row.dedupeKey)).toContain(`new-version:${v2}:guest-b@example.com`);
    const notice = await prisma().versionNotice.findUniqueOrThrow({ where: { productFileId: v2 } });
    expect(notice).toMatchObject({ queued: ELIGIBLE_V2.length });
    expect(notice.completedAt).not.toBeNull();
    expect(await prisma().auditLog.count({ where: { action: "file.notify_owners", targetId: v2 } })).toBe(1);

    await waitFor(() => ELIGIBLE_V2.every((email) => received(email).length > 0), "every owner's mail", 20_000);
    for (const email of ELIGIBLE_V2) expect(received(email), email).toHaveLength(1);
    for (const email of ["revoked", "refunded", "expired", "disputed", "exhausted", "optedOut"])
      expect(received(OWNERS[email as keyof typeof OWNERS]), email).toEqual([]);
    expect(received("renamed-old@example.com")).toEqual([]);
  });

  it("once finished, running it again says when it was sent and sends nothing", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { state } = await notify(v2);
    expect(state).toMatchObject({
      ok: true,
      message: `Already sent to ${ELIGIBLE_V2.length} owners on ${today}.`,
    });
    expect(await noticeRows(v2)).toHaveLength(ELIGIBLE_V2.length);
    expect(await prisma().auditLog.count({ where: { action: "file.notify_owners", targetId: v2 } })).toBe(1);
    const { html } = await page(`/admin/books/${book.id}`, admin);
    expect(html).toContain(`${ELIGIBLE_V2.length} owners on ${today}`);
  });

  it("the mail: the changelog, the library (no download link), an opt-out link and one-click headers", async () => {
    const [mail] = (await noticeRows(v2)).filter((row) => row.to === OWNERS.reader);
    expect(mail.subject).toBe("The Quiet Art of Binding: version 2 is out");
    expect(mail.text).toContain(CHANGELOG);
    expect(mail.html).toContain("Typos fixed &lt;everywhere&gt; &amp; the index redone.");
    expect(mail.text).toContain(`${shop.app.url}/library`);
    expect(mail.text).not.toContain("/api/downloads/");
    expect(mail.text).toMatch(
      new RegExp(`${shop.app.url}/mail/opt-out\\?email=reader%40example\\.com&sig=[0-9a-f]{64}`),
    );

    const raw = smtp.to(OWNERS.reader)[0].raw.replace(/\r\n(?=[ \t])/g, "");
    const header = /^List-Unsubscribe:\s*<([^>]+)>/im.exec(raw)?.[1] ?? "";
    expect(header).toMatch(
      new RegExp(`^${shop.app.url}/api/mail/opt-out\\?email=reader%40example\\.com&sig=[0-9a-f]{64}$`),
    );
    expect(raw).toMatch(/^List-Unsubscribe-Post:\s*List-Unsubscribe=One-Click\s*$/im);
  });
});

describe("opting out", () => {
  const pageLink = async (email: string) => {
    const [mail] = (await noticeRows(v2)).filter((row) => row.to === email);
    return /(http\S+\/mail\/opt-out\?\S+)/.exec(mail.text)?.[1] ?? "";
  };

  it("opening the link records nothing; its button does, once, however often it is pressed", async () => {
    const link = await pageLink(OWNERS.guestC);
    const opened = await fetch(link);
    const html = await opened.text();
    expect(opened.status).toBe(200);
    expect(html).toContain("Stop these mails");
    expect(await optOuts()).toEqual([OWNERS.optedOut]);
    // A GET to the POST endpoint (a scanner following anything) does nothing either.
    const target = (/action="([^"]+)"/.exec(html)?.[1] ?? "").replaceAll("&amp;", "&");
    expect(target).toMatch(/^\/api\/mail\/opt-out\?/);
    expect((await fetch(`${shop.app.url}${target}`)).status).toBe(405);
    expect(await optOuts()).toEqual([OWNERS.optedOut]);

    for (let i = 0; i < 2; i++) {
      const pressed = await fetch(`${shop.app.url}${target}`, { method: "POST", redirect: "manual" });
      expect(pressed.status).toBe(303);
      const after = await fetch(pressed.headers.get("location") ?? "");
      expect(await after.text()).toContain('data-testid="opted-out"');
    }
    expect(await optOuts()).toEqual([OWNERS.guestC, OWNERS.optedOut].sort());
  });

  it("a mail client's one-click POST (RFC 8058) records it", async () => {
    const raw = smtp.to(OWNERS.reader)[0].raw.replace(/\r\n(?=[ \t])/g, "");
    const url = /^List-Unsubscribe:\s*<([^>]+)>/im.exec(raw)?.[1] ?? "";
    const response = await fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(200);
    expect(await optOuts()).toEqual([OWNERS.guestC, OWNERS.optedOut, OWNERS.reader].sort());
  });

  it("a forged signature, or one address's signature on another, records nothing", async () => {
    const link = new URL(await pageLink(OWNERS.guestD));
    const sig = link.searchParams.get("sig") ?? "";
    const forged = `${sig.slice(0, -1)}${sig.endsWith("0") ? "1" : "0"}`;
    const attempts = [
      { email: OWNERS.guestD, sig: forged },
      { email: OWNERS.guestA, sig },
      { email: OWNERS.guestD, sig: "" },
      { email: "", sig },
    ];
    for (const attempt of attempts) {
      const query = new URLSearchParams(attempt).toString();
      const post = await fetch(`${shop.app.url}/api/mail/opt-out?${query}`, { method: "POST", redirect: "manual" });
      expect(post.status, query).toBe(400);
      const opened = await fetch(`${shop.app.url}/mail/opt-out?${query}`);
      expect(opened.status, query).toBe(404);
      expect(await opened.text()).toContain("This opt-out link is incomplete or was changed");
    }
    expect(await optOuts()).toEqual([OWNERS.guestC, OWNERS.optedOut, OWNERS.reader].sort());
  });

  it("the next version's mail skips every address that opted out", async () => {
    v3 = await newVersion(v2, "third edition");
    const eligible = (
      await prisma().downloadGrant.findMany({
        where: {
          productFileId: v3,
          revokedAt: null,
          orderItem: { order: { status: { in: ["PAID", "PARTIALLY_REFUNDED"] } } },
        },
        select: { orderItem: { select: { order: { select: { email: true, user: { select: { email: true } } } } } } },
      })
    ).map(({ orderItem: { order } }) => (order.user?.email ?? order.email).toLowerCase());
    const optedOut = new Set(await optOuts());
    const expected = [...new Set(eligible)].filter((email) => !optedOut.has(email)).sort();
    expect(expected).not.toContain(OWNERS.reader);
    expect(expected).toContain(OWNERS.guestA);

    const { html } = await page(`/admin/books/${book.id}`, admin);
    expect(html).toContain(`Will mail ${expected.length} owners`);
    expect((await notify(v3)).state).toMatchObject({ ok: true, message: `Mailed ${expected.length} owners.` });
    const rows = await noticeRows(v3);
    expect(rows.map((row) => row.to.toLowerCase()).sort()).toEqual(expected);
    for (const email of [OWNERS.reader, OWNERS.guestC, OWNERS.optedOut])
      expect(rows.map((row) => row.to.toLowerCase())).not.toContain(email);
  });

  it("a signed-in reader sees the choice on the account page and can take the mails back", async () => {
    expect((await page("/account", reader)).html).toMatch(/data-testid="new-version-mails">Off:/);
    const response = await callServerAction({
      baseUrl: shop.app.url,
      page: "/account",
      action: { file: "app/(store)/account/actions.ts", name: "setNewVersionMailsAction" },
      fields: { on: "true" },
      cookie: reader,
    });
    expect(actionStateIn(await response.text())).toMatchObject({ ok: true });
    expect(await optOuts()).not.toContain(OWNERS.reader);
    expect(await optOuts()).toContain(OWNERS.guestC);
    expect((await page("/account", reader)).html).toMatch(/data-testid="new-version-mails">On:/);
  });
});
