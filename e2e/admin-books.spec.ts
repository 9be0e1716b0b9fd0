import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { filesUnder, pdfBytes, pngBytes } from "../tests/helpers/admin-fixtures";
import { StoreDb } from "../tests/helpers/store-db";
import { expectAccessible } from "./accessibility";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";
import { AdminBooksPage, throttleUploads } from "./pages/admin-books-page";
import { StripeTestCheckout } from "./pages/checkout-pages";
import { StaffOrderPage, StaffOrdersPage } from "./pages/staff-orders-page";

const MB = 1024 * 1024;

/** What the store holds for a book: its file rows, and any upload still in progress on disk. */
async function storedFor(title: string) {
  const databaseUrl = process.env.BINDERY_E2E_DATABASE ?? "";
  const db = new StoreDb(databaseUrl);
  try {
    const rows = await db.prisma.productFile.count({ where: { product: { title } } });
    const protectedRoot = process.env.BINDERY_E2E_PROTECTED_ROOT ?? "";
    return { rows, partial: filesUnder(protectedRoot).filter((name) => name.endsWith(".part")) };
  } finally {
    await db.close();
  }
}

test("admin creates, uploads (with progress), publishes; a customer buys, downloads; a refund stops it", async ({
  page,
  signInPage,
  catalog,
}) => {
  test.setTimeout(120_000);
  const title = `The Harbour Keeper's Almanac ${Date.now()}`;
  const pdf = { name: "Harbour Almanac.pdf", mimeType: "application/pdf", buffer: pdfBytes(6 * MB, "almanac") };
  const admin = new AdminBooksPage(page);

  await test.step("the admin creates a draft with a cover", async () => {
    await signInPage.signIn(DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password);
    await expect(signInPage.accountMenu()).toBeVisible();
    for (const [name, path] of [
      ["admin books", "/admin/books"],
      ["admin new book", "/admin/books/new"],
      ["admin users", "/admin/users"],
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page, name);
    }
    await admin.createBook({
      title,
      author: "Ada Lind",
      description: "Tides, lights and knots for small harbours.",
      price: "6.50",
    });
    await expect(page.getByRole("status").filter({ hasText: "Draft created" })).toBeVisible();
    await expect(admin.status()).toHaveText("Draft");
    await expectAccessible(page, "admin book, draft");
    await admin.uploadCover({ name: "cover.png", mimeType: "image/png", buffer: pngBytes(400, 600) });
    await expect(page.getByRole("status").filter({ hasText: "Cover replaced." })).toBeVisible();
    const cover = page.getByRole("img", { name: `Cover of ${title}` });
    await expect(cover).toBeVisible();
    // The web server in front sends the new cover: its workers can read what the app just wrote.
    await expect.poll(() => cover.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  });

  await test.step("a cancelled upload shows its progress, then leaves nothing", async () => {
    await throttleUploads(page, 1 * MB);
    await admin.chooseBookFiles(pdf);
    await expect(admin.progress()).toBeVisible();
    await expect(admin.progressLabel()).toHaveText(/^[\d.]+ (KB|MB) of 6\.0 MB \(\d{1,2}%\)$/);
    await expect.poll(async () => (await storedFor(title)).partial).toHaveLength(1);
    await admin.cancelUpload();
    await expect(page.getByRole("alert").filter({ hasText: "upload cancelled, nothing was saved" })).toBeVisible();
    await expect.poll(() => storedFor(title)).toEqual({ rows: 0, partial: [] });
    await expect(page.getByText("No files yet.")).toBeVisible();
  });

  await test.step("the PDF uploads with a real progress bar", async () => {
    await admin.chooseBookFiles(pdf);
    const bar = admin.progress().getByRole("progressbar");
    await expect(bar).toBeVisible();
    await expect.poll(async () => Number(await bar.getAttribute("value"))).toBeGreaterThan(10);
    await expect(admin.progressLabel()).toHaveText(/^[\d.]+ MB of 6\.0 MB \((1\d|[2-9]\d)%\)$/);
    await throttleUploads(page, null);
    await expect(page.getByRole("status").filter({ hasText: "Uploaded Harbour Almanac.pdf (version 1)." })).toBeVisible(
      { timeout: 30_000 },
    );
    await expect(admin.files()).toHaveCount(1);
    await expect(admin.files().first()).toContainText("On sale");
    await expect(admin.files().first()).toContainText("6.0 MB");
    await expectAccessible(page, "admin book, with a file");
  });

  await test.step("the admin publishes it and it is in the catalog", async () => {
    await admin.publish();
    await expect(admin.status()).toHaveText("Published");
    await expectAccessible(page, "admin book, published");
    await signInPage.signOut();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await catalog.open();
    await catalog.search("Harbour Keeper");
    await expect(catalog.bookTitles()).toHaveText([title]);
  });

  await test.step("a customer buys it on the payment page and downloads the same bytes", async () => {
    await signInPage.signIn(DEMO_ACCOUNTS.reader.email, DEMO_ACCOUNTS.reader.password);
    await expect(signInPage.accountMenu()).toBeVisible();
    await catalog.open();
    await catalog.search("Harbour Keeper");
    await catalog.openBook(title);
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByRole("button", { name: "Checkout" }).click();
    await new StripeTestCheckout(page).payAs(DEMO_ACCOUNTS.reader.email);
    await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();

    await page.goto("/library");
    const file = page.getByTestId("library-file").filter({ hasText: "Harbour Almanac.pdf" });
    const downloadPromise = page.waitForEvent("download");
    await file.getByRole("link", { name: "Download" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe("Harbour Almanac.pdf");
    const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
    expect(sha256(readFileSync(await download.path()))).toBe(sha256(pdf.buffer));
  });

  await test.step("staff refund it, and the customer's download is refused with the 403 page", async () => {
    const libraryDownload = await page
      .getByTestId("library-file")
      .filter({ hasText: "Harbour Almanac.pdf" })
      .getByRole("link", { name: "Download" })
      .getAttribute("href");
    await signInPage.signOut();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    await signInPage.signIn(DEMO_ACCOUNTS.staff.email, DEMO_ACCOUNTS.staff.password);
    await expect(signInPage.accountMenu()).toBeVisible();
    const orders = new StaffOrdersPage(page);
    await orders.open();
    await orders.search(DEMO_ACCOUNTS.reader.email);
    // Newest first: the order just placed.
    await orders.rows().first().getByRole("link").click();
    const order = new StaffOrderPage(page);
    await expect(order.line(title)).toBeVisible();
    await order.refundItems([title], "$6.50");
    await expect(order.grant("Harbour Almanac.pdf")).toContainText("Revoked");
    await signInPage.signOut();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    await signInPage.signIn(DEMO_ACCOUNTS.reader.email, DEMO_ACCOUNTS.reader.password);
    await expect(signInPage.accountMenu()).toBeVisible();
    const refused = await page.goto(libraryDownload ?? "");
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Access to this file was withdrawn" })).toBeVisible();
    await page.goto("/library");
    await expect(page.getByTestId("library-file").filter({ hasText: "Harbour Almanac.pdf" })).toContainText(
      "Access withdrawn",
    );
  });
});
