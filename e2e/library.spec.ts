import { DEMO_ACCOUNTS, expect, test } from "./fixtures";

test("the reader downloads from the library and copies a fresh signed link", async ({ page, signInPage, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInPage.signIn(DEMO_ACCOUNTS.reader.email, DEMO_ACCOUNTS.reader.password);
  await expect(signInPage.accountMenu()).toBeVisible();
  await page.goto("/library");
  const file = page.getByTestId("library-file").filter({ hasText: "The Quiet Art of Binding.pdf" });
  await expect(file).toContainText("5 downloads left");

  const downloadPromise = page.waitForEvent("download");
  await file.getByRole("link", { name: "Download" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("The Quiet Art of Binding.pdf");

  await page.reload();
  await expect(file).toContainText("4 downloads left");

  await file.getByRole("button", { name: "Copy a link" }).click();
  await expect(file.getByRole("status")).toContainText("valid for 24 hours");
  const link = await file.getByTestId("signed-link").inputValue();
  expect(link).toMatch(/\/api\/downloads\/\w+\?expires=\d+&sig=[0-9a-f]{64}$/);
  const anonymous = await page.request.fetch(link, { method: "HEAD", headers: { cookie: "" } });
  expect(anonymous.status()).toBe(200);
});
