import { createHash } from "node:crypto";
import { StoreDb } from "../tests/helpers/store-db";
import { expect, test } from "./fixtures";
import { mailsTo, StripeTestCheckout } from "./pages/checkout-pages";

test("a guest buys two books, downloads with the mailed link, claims an account and finds both in the library", async ({
  page,
  catalog,
}) => {
  const email = `guest-${Date.now()}@example.com`;

  await catalog.open();
  await catalog.openBook("Letters from the Lighthouse");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(/\/cart/);
  await page.goto("/books/omega-les-miserables");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(/\/cart/);
  await expect(page.getByTestId("cart-total")).toContainText("$22.00");

  await page.getByRole("button", { name: "Checkout" }).click();
  await new StripeTestCheckout(page).payAs(email);

  await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_/);
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(page.getByTestId("order-status")).toContainText(email);
  await expect(catalog.cartCount()).toContainText("0");

  await expect.poll(() => mailsTo(email).length).toBe(1);
  const [receipt] = mailsTo(email);
  const link = /Download Ωmega — Les Misérables 日本語\.pdf: (\S+)/.exec(receipt.text)?.[1];
  expect(link).toBeTruthy();

  const download = await page.request.get(link ?? "");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toContain(
    "filename*=UTF-8''%CE%A9mega%20%E2%80%94%20Les%20Mis%C3%A9rables%20%E6%97%A5%E6%9C%AC%E8%AA%9E.pdf",
  );
  const body = await download.body();
  expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  const seeded = new StoreDb(process.env.BINDERY_E2E_DATABASE ?? "");
  try {
    expect(createHash("sha256").update(body).digest("hex")).toBe(
      (await seeded.file("Ωmega — Les Misérables 日本語.pdf")).sha256,
    );
  } finally {
    await seeded.close();
  }

  const claim = /Create your account to keep your books in a library: (\S+)/.exec(receipt.text)?.[1] ?? "";
  await page.goto(claim);
  await expect(page.getByText(`Set a password for ${email}`)).toBeVisible();
  await page.getByLabel("Password").fill("my-new-library-password");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/library$/);
  const library = page.getByTestId("library");
  await expect(library.getByRole("heading", { level: 2 })).toHaveCount(2);
  await expect(library.getByRole("heading", { name: "Letters from the Lighthouse" })).toBeVisible();
  await expect(library.getByRole("heading", { name: "Ωmega — Les Misérables 日本語" })).toBeVisible();
  await expect(library.getByText("Ωmega — Les Misérables 日本語.pdf")).toBeVisible();

  // The claim link is one-time: the account exists now.
  await page.goto(claim);
  await expect(page.getByTestId("claim-taken")).toBeVisible();
});
