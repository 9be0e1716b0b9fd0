import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";

/** Every CSP violation the page reports, from the moment it starts loading. */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCspViolation", (text: string) => void violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("pages hydrate under the nonce CSP with no violation, and an injected inline handler does not run", async ({
  page,
  catalog,
  signInPage,
}) => {
  const violations = await recordViolations(page);

  // Client-side interactivity works: search (a client form), a book page, the cart (server actions).
  await catalog.open();
  await catalog.search("lighthouse");
  await expect(catalog.bookTitles()).toHaveText(["Letters from the Lighthouse"]);
  await catalog.openBook("Letters from the Lighthouse");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(/\/cart/);
  await signInPage.signIn(DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password);
  await expect(signInPage.accountMenu()).toContainText(DEMO_ACCOUNTS.admin.name);
  expect(violations).toEqual([]);

  // What an XSS would inject: markup with an inline event handler. The policy blocks it.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", `<img src="data:," onload="window.__injected = true" alt="">`);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
