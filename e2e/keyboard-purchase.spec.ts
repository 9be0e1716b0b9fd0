import { expect, test } from "./fixtures";
import { expectFocusVisible, tabTo } from "./keyboard";

// Only the keyboard from the first page on: Tab, Enter, Space and typing, never a click.
test("a guest buys a book with the keyboard alone: skip link, book, cart, checkout, payment, success", async ({
  page,
}) => {
  const email = `keyboard-${Date.now()}@example.com`;
  await page.goto("/");

  // The skip link is the first stop, visible once focused, and it moves the focus into the main content.
  const skipLink = page.getByRole("link", { name: "Skip to content" });
  expect((await skipLink.boundingBox())?.width).toBeLessThanOrEqual(1);
  await page.keyboard.press("Tab");
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();
  expect((await skipLink.boundingBox())?.width).toBeGreaterThan(20);
  await expectFocusVisible(page);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.locator("main :focus")).toHaveCount(1);

  const book = page
    .getByTestId("catalog")
    .getByRole("link", { name: /Letters from the Lighthouse/ })
    .first();
  await tabTo(page, book);
  await expectFocusVisible(page);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Letters from the Lighthouse" })).toBeVisible();

  await tabTo(page, page.getByRole("button", { name: "Add to cart" }));
  await expectFocusVisible(page);
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/\/cart(\?|$)/);
  await expect(page.getByTestId("cart-total")).toContainText("$7.00");

  await tabTo(page, page.getByRole("button", { name: "Checkout" }));
  await expectFocusVisible(page);
  await page.keyboard.press("Enter");

  // The Stripe emulator's payment page (Stripe's own in production): the same keys work there.
  await expect(page).toHaveTitle(/Stripe test checkout/);
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(email);
  await tabTo(page, page.getByRole("button", { name: "Pay", exact: true }));
  await page.keyboard.press("Space");

  await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_/);
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(page.getByTestId("order-status")).toContainText(email);
});
