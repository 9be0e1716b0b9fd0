import { statSync } from "node:fs";
import { devices } from "@playwright/test";
import { expectAccessible } from "./accessibility";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";
import { screenshotPath } from "./screenshots";

// A phone's viewport, pixel ratio, touch and user agent, in the suite's own Chromium.
const { defaultBrowserType: _browser, ...pixel7 } = devices["Pixel 7"];
test.use(pixel7);

test("catalog, book, cart and library on a phone: screenshots saved, no serious accessibility problem", async ({
  page,
  catalog,
  signInPage,
}, testInfo) => {
  const saved: string[] = [];
  const capture = async (name: string) => {
    await expectAccessible(page, `${name} (mobile)`);
    // Nothing wider than the phone: the page never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `sideways overflow on the ${name} page`).toBeLessThanOrEqual(0);
    const file = screenshotPath(testInfo, `mobile-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    saved.push(file);
  };

  await signInPage.signIn(DEMO_ACCOUNTS.reader.email, DEMO_ACCOUNTS.reader.password);
  await expect(signInPage.accountMenu()).toBeVisible();

  await catalog.open();
  await expect(page.getByRole("img", { name: "Cover of Letters from the Lighthouse" })).toBeVisible();
  await capture("catalog");

  await page.goto("/books/letters-from-the-lighthouse");
  await expect(page.getByRole("heading", { level: 1, name: "Letters from the Lighthouse" })).toBeVisible();
  await capture("book");

  await page.getByRole("button", { name: "Add to cart" }).tap();
  await expect(page.getByTestId("cart-total")).toContainText("$7.00");
  await capture("cart");

  await page.goto("/library");
  await expect(page.getByTestId("library-file").first()).toBeVisible();
  await capture("library");

  for (const file of saved) expect(statSync(file).size).toBeGreaterThan(10_000);
});
