import { readFileSync } from "node:fs";
import type { Locator } from "@playwright/test";
import { expectAccessible } from "./accessibility";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";
import { sha256Of, storedFile } from "./stored-files";

const FILE = "The Quiet Art of Binding.pdf";

/** "N downloads left" on a library file: both projects download from the same store, so read it first. */
async function downloadsLeft(file: Locator): Promise<number> {
  const text = (await file.textContent()) ?? "";
  const left = /(\d+) downloads? left/.exec(text)?.[1];
  if (left === undefined) throw new Error(`no "downloads left" in: ${text}`);
  return Number(left);
}

test("the reader downloads from the library with the right bytes, resumes for free, and copies a signed link", async ({
  page,
  signInPage,
  context,
  front,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInPage.signIn(DEMO_ACCOUNTS.reader.email, DEMO_ACCOUNTS.reader.password);
  await expect(signInPage.accountMenu()).toBeVisible();
  await page.goto("/library");
  await expectAccessible(page, "library");
  const file = page.getByTestId("library-file").filter({ hasText: FILE });
  const before = await downloadsLeft(file);
  expect(before).toBeGreaterThan(0);

  const downloadPromise = page.waitForEvent("download");
  await file.getByRole("link", { name: "Download" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(FILE);
  const downloaded = readFileSync(await download.path());
  const stored = await storedFile(FILE);
  expect(downloaded.length).toBe(stored.size);
  expect(sha256Of(downloaded)).toBe(stored.sha256);

  await page.reload();
  await expect(file).toContainText(`${before - 1} downloads left`);

  // A resumed download, with the browser's session cookie: the rest of the file, and it does not count.
  const href = (await file.getByRole("link", { name: "Download" }).getAttribute("href")) ?? "";
  const resumed = await page.request.get(href, { headers: { Range: "bytes=100-" } });
  expect(resumed.status()).toBe(206);
  // The web server in front sent it (the app behind it only says which file, X-Accel-Redirect or X-Sendfile).
  expect(resumed.headers()["server"]).toMatch(front === "nginx" ? /^nginx/ : /^Apache/);
  expect(resumed.headers()["content-range"]).toBe(`bytes 100-${stored.size - 1}/${stored.size}`);
  expect((await resumed.body()).equals(downloaded.subarray(100))).toBe(true);
  await page.reload();
  await expect(file).toContainText(`${before - 1} downloads left`);

  await file.getByRole("button", { name: "Copy a link" }).click();
  await expect(file.getByRole("status")).toContainText("valid for 24 hours");
  const link = await file.getByTestId("signed-link").inputValue();
  expect(link).toMatch(/\/api\/downloads\/\w+\?expires=\d+&sig=[0-9a-f]{64}$/);
  expect(link.startsWith(`${new URL(page.url()).origin}/`)).toBe(true);
  const anonymous = await page.request.fetch(link, { method: "HEAD", headers: { cookie: "" } });
  expect(anonymous.status()).toBe(200);
});
