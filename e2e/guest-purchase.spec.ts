import { expectAccessible } from "./accessibility";
import { expect, test } from "./fixtures";
import { mailsTo, StripeTestCheckout } from "./pages/checkout-pages";
import { sha256Of, storedFile } from "./stored-files";

test("a guest buys two books, downloads with the mailed link, claims an account and finds both in the library", async ({
  page,
  catalog,
  baseURL,
}) => {
  const email = `guest-${Date.now()}@example.com`;

  await catalog.open();
  await expectAccessible(page, "catalog");
  await catalog.openBook("Letters from the Lighthouse");
  await expect(page.getByRole("heading", { level: 1, name: "Letters from the Lighthouse" })).toBeVisible();
  await expectAccessible(page, "book");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(/\/cart/);
  await page.goto("/books/omega-les-miserables");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(/\/cart/);
  await expect(page.getByTestId("cart-total")).toContainText("$22.00");
  await expectAccessible(page, "cart");

  await page.getByRole("button", { name: "Checkout" }).click();
  await new StripeTestCheckout(page).payAs(email);

  await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_/);
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(page.getByTestId("order-status")).toContainText(email);
  await expect(catalog.cartCount()).toContainText("0");
  await expectAccessible(page, "checkout success");

  await expect.poll(() => mailsTo(email).length).toBe(1);
  const [receipt] = mailsTo(email);
  const link = /Download Ωmega — Les Misérables 日本語\.pdf: (\S+)/.exec(receipt.text)?.[1];
  // Fulfilled through the same front (the webhook goes through it): the mailed link points at it.
  expect(link?.startsWith(`${baseURL}/api/downloads/`)).toBe(true);

  const download = await page.request.get(link ?? "");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toContain(
    "filename*=UTF-8''%CE%A9mega%20%E2%80%94%20Les%20Mis%C3%A9rables%20%E6%97%A5%E6%9C%AC%E8%AA%9E.pdf",
  );
  const body = await download.body();
  expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  expect(sha256Of(body)).toBe((await storedFile("Ωmega — Les Misérables 日本語.pdf")).sha256);

  const claim = /Create your account to keep your books in a library: (\S+)/.exec(receipt.text)?.[1] ?? "";
  await page.goto(claim);
  await expect(page.getByText(`Set a password for ${email}`)).toBeVisible();
  await expectAccessible(page, "claim account");
  await page.getByLabel("Password").fill("my-new-library-password");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/library$/);
  const library = page.getByTestId("library");
  await expect(library.getByRole("heading", { level: 2 })).toHaveCount(2);
  await expect(library.getByRole("heading", { name: "Letters from the Lighthouse" })).toBeVisible();
  await expect(library.getByRole("heading", { name: "Ωmega — Les Misérables 日本語" })).toBeVisible();
  await expect(library.getByText("Ωmega — Les Misérables 日本語.pdf")).toBeVisible();
  await expectAccessible(page, "library");

  // The claim link is one-time: the account exists now.
  await page.goto(claim);
  await expect(page.getByTestId("claim-taken")).toBeVisible();
});
