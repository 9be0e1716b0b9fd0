import { expectAccessible } from "./accessibility";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";
import { mailedLink } from "./pages/account-page";

test("the catalog renders published books with covers and prices", async ({ page, catalog }) => {
  await catalog.open();
  // Other journeys may publish books of their own; the six seeded ones must all be there.
  for (const title of [
    "The Quiet Art of Binding",
    "Ωmega — Les Misérables 日本語",
    "Field Notes on Typography",
    "Atlas of Small Harbors",
    "A Practical Guide to Self-Publishing",
    "Letters from the Lighthouse",
  ]) {
    await expect(catalog.bookTitles().filter({ hasText: title })).toHaveCount(1);
  }
  await expect(page.getByRole("img", { name: "Cover of The Quiet Art of Binding" })).toBeVisible();
  await expect(page.getByText("$12.00")).toBeVisible();
  await expect(page.getByText("Drafts and Proofs")).toHaveCount(0);
});

test("search finds books by title and by author", async ({ page, catalog }) => {
  await catalog.open();
  await catalog.search("lighthouse");
  await expect(catalog.bookTitles()).toHaveText(["Letters from the Lighthouse"]);
  await catalog.search("Tanaka");
  await expect(catalog.bookTitles()).toHaveText(["Ωmega — Les Misérables 日本語"]);
  await catalog.search("no such book");
  await expect(page.getByText("No books match your search.")).toBeVisible();
  await expectAccessible(page, "catalog, no search results");
});

test("a guest adds a book to the cart once, sees the total, and removes it", async ({ page, catalog }) => {
  await catalog.open();
  await catalog.openBook("Field Notes on Typography");
  await expect(page.getByText("PDF", { exact: true })).toBeVisible();
  await expect(page.getByText("EPUB", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(/\/cart/);
  await expect(page.getByTestId("cart-lines").getByRole("listitem")).toHaveCount(1);
  await expect(page.getByTestId("cart-total")).toContainText("$9.00");
  await expect(catalog.cartCount()).toContainText("1");

  // Adding it again keeps one line: the book page now says it is in the cart.
  await page.goto("/books/field-notes-on-typography");
  await expect(page.getByText("In your cart.")).toBeVisible();

  await page.goto("/books/letters-from-the-lighthouse");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("cart-total")).toContainText("$16.00");

  await page.getByRole("button", { name: "Remove Field Notes on Typography" }).click();
  await expect(page.getByTestId("cart-lines").getByRole("listitem")).toHaveCount(1);
  await expect(page.getByTestId("cart-total")).toContainText("$7.00");
});

for (const role of ["admin", "staff", "reader"] as const) {
  test(`the demo ${role} signs in and out`, async ({ page, signInPage }) => {
    const account = DEMO_ACCOUNTS[role];
    await signInPage.signIn(account.email, account.password);
    await expect(signInPage.accountMenu()).toContainText(account.name);
    const adminLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" });
    await expect(adminLink).toHaveCount(role === "reader" ? 0 : 1);
    if (role !== "reader") {
      await adminLink.click();
      await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
      await expectAccessible(page, "admin dashboard");
    }
    await signInPage.signOut();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  });
}

test("a wrong password shows a clear error", async ({ page, signInPage }) => {
  await page.goto("/signin");
  await expectAccessible(page, "sign-in");
  await signInPage.signIn(DEMO_ACCOUNTS.admin.email, "not-the-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
});

test("a new customer signs up, confirms the address and signs in", async ({ page, signInPage }) => {
  const email = `new-${Date.now()}@example.com`;
  await page.goto("/signup");
  await expectAccessible(page, "sign-up");
  await page.getByLabel("Name").fill("Nina New");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expectAccessible(page, "sign-up, with a form error");

  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signup-done")).toContainText("Check your mail");

  await page.goto(await mailedLink(email, /Confirm your email/, "verify-email"));
  await expect(page.getByTestId("verify-result")).toContainText("Your email is confirmed");
  await signInPage.signIn(email, "a-long-enough-password");
  await expect(page.getByTestId("account-menu")).toContainText("Nina New");

  // The same email again: the same answer, and nothing is created (the owner gets a note by mail).
  await signInPage.signOut();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("another-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signup-done")).toContainText("Check your mail");
});

test("the reader sees an owned book as owned", async ({ page, signInPage }) => {
  await signInPage.signIn(DEMO_ACCOUNTS.reader.email, DEMO_ACCOUNTS.reader.password);
  await expect(signInPage.accountMenu()).toBeVisible();
  await page.goto("/books/the-quiet-art-of-binding");
  await expect(page.getByTestId("owned-notice")).toBeVisible();
  await expectAccessible(page, "book, owned");
  await expect(page.getByRole("button", { name: "Add to cart" })).toHaveCount(0);
});
