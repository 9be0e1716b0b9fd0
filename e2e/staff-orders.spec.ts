import { expectAccessible } from "./accessibility";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";
import { mailsTo, StripeTestCheckout } from "./pages/checkout-pages";
import { StaffOrderPage, StaffOrdersPage } from "./pages/staff-orders-page";
import { addSampleSales } from "./pages/staff-sample-orders";
import { screenshotPath } from "./screenshots";

test("staff find an order by the buyer's email, refund one item, and the buyer's download of it is refused", async ({
  page,
  catalog,
  signInPage,
  browser,
}, testInfo) => {
  const email = `staff-journey-${Date.now()}@example.com`;

  // A guest buys two books through the Stripe emulator.
  await catalog.open();
  await catalog.openBook("Field Notes on Typography");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(/\/cart/);
  await page.goto("/books/letters-from-the-lighthouse");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(/\/cart/);
  await expect(page.getByTestId("cart-total")).toContainText("$16.00");
  await page.getByRole("button", { name: "Checkout" }).click();
  await new StripeTestCheckout(page).payAs(email);
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect.poll(() => mailsTo(email).length).toBe(1);
  const receipt = mailsTo(email)[0].text;
  const linkTo = (file: string) => new RegExp(`Download ${file.replace(".", "\\.")}: (\\S+)`).exec(receipt)?.[1] ?? "";
  const refundedLink = linkTo("Field Notes on Typography.pdf");
  const keptLink = linkTo("Letters from the Lighthouse.pdf");
  expect(refundedLink).toContain("/api/downloads/");
  // The buyer downloads one file, so the order page has a download log to show.
  expect((await page.request.get(keptLink, { headers: { "user-agent": "Mozilla/5.0 (e2e buyer)" } })).status()).toBe(
    200,
  );

  // Staff sign in; the dashboard comes first.
  await addSampleSales(process.env.BINDERY_E2E_DATABASE ?? "");
  await signInPage.signIn(DEMO_ACCOUNTS.staff.email, DEMO_ACCOUNTS.staff.password);
  await expect(signInPage.accountMenu()).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Net revenue per day/ })).toBeVisible();
  await expect(page.getByTestId("recent-orders")).toContainText(email);
  await page.screenshot({ path: screenshotPath(testInfo, "dashboard.png"), fullPage: true });
  await expectAccessible(page, "admin dashboard");

  // Find the order by the buyer's email and open it.
  const orders = new StaffOrdersPage(page);
  await orders.open();
  await orders.search(email);
  await expect(orders.rows()).toHaveCount(1);
  await expectAccessible(page, "admin orders");
  await orders.openOrderOf(email);

  // The buyer lost the mail: staff send the receipt again, after confirming, with fresh links.
  const order = new StaffOrderPage(page);
  await expectAccessible(page, "admin order");
  await page.getByRole("button", { name: "Resend receipt" }).click();
  const resend = page.getByRole("dialog", { name: "Resend the receipt?" });
  await expect(resend).toContainText(email);
  await resend.getByRole("button", { name: "Send" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Receipt sent again to ${email} with fresh download links.` }),
  ).toBeVisible();
  await expect.poll(() => mailsTo(email).length).toBe(2);
  expect(mailsTo(email)[1].text).toMatch(/Download Letters from the Lighthouse\.pdf: \S+\/api\/downloads\//);

  // Refund Field Notes only, after confirming.
  await order.refundItems(["Field Notes on Typography"], "$9.00");
  await expect(
    page.getByRole("status").filter({ hasText: "Refunded $9.00 for Field Notes on Typography" }),
  ).toBeVisible();
  await expect(order.line("Field Notes on Typography")).toContainText("Refunded");
  await expect(order.line("Letters from the Lighthouse")).toContainText("Kept");
  await expect(order.grant("Field Notes on Typography.pdf")).toContainText("Revoked");
  await expect(order.grant("Field Notes on Typography.epub")).toContainText("Revoked");
  await expect(order.grant("Letters from the Lighthouse.pdf")).toContainText("Active");
  await expect(page.getByTestId("status").first()).toHaveText("Partially refunded");
  await expect(order.timeline()).toContainText("Refund of $9.00 issued through Stripe");
  await expect(order.timeline()).toContainText("Sam Staff");
  await page.screenshot({ path: screenshotPath(testInfo, "order.png"), fullPage: true });
  await expectAccessible(page, "admin order, after a refund");

  // The buyer, in their own browser, opens the mailed link of the refunded item: the 403 page.
  const buyer = await browser.newContext();
  const buyerPage = await buyer.newPage();
  const refused = await buyerPage.goto(refundedLink);
  expect(refused?.status()).toBe(403);
  await expect(buyerPage.getByRole("heading", { name: "Access to this file was withdrawn" })).toBeVisible();
  await expectAccessible(buyerPage, "download refused");
  expect((await buyerPage.request.head(keptLink)).status()).toBe(200);
  await buyer.close();

  // Staff give the buyer their downloads back: the form carries the request key its render made.
  const kept = order.grant("Letters from the Lighthouse.pdf");
  await kept.getByRole("button", { name: "Reset count" }).click();
  await page
    .getByRole("dialog", { name: "Reset the download count of Letters from the Lighthouse.pdf?" })
    .getByRole("button", { name: "Reset to 0" })
    .click();
  // The count is back to 0, so the reset form (shown only while downloads are used) has gone with its message.
  await expect(kept).toContainText("0 used");
});
