import { expectAccessible } from "./accessibility";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";
import { AccountPage, mailedLink, SignUpPage } from "./pages/account-page";

test("sign up, confirm the address from the mail, sign in, change the password on the account page", async ({
  page,
  signInPage,
}) => {
  // A long journey (three scrypt hashes, two sign-ins) on a shared 2-core machine.
  test.setTimeout(120_000);
  const email = `journey-${Date.now()}@example.com`;
  const signUp = new SignUpPage(page);
  const account = new AccountPage(page);

  await signUp.signUp("Jo Journey", email, "first-journey-password");
  await expect(signUp.done()).toContainText("Check your mail");
  await expectAccessible(page, "sign-up done");

  await page.goto(await mailedLink(email, /Confirm your email/, "verify-email"));
  await expect(page.getByTestId("verify-result")).toContainText("Your email is confirmed");
  await expectAccessible(page, "email confirmed");

  await signInPage.signIn(email, "first-journey-password");
  await expect(signInPage.accountMenu()).toContainText("Jo Journey");
  await account.openFromMenu();
  await expect(account.verifyBanner()).toHaveCount(0);
  await expectAccessible(page, "account");

  const wrong = await account.changePassword("not-my-password", "second-journey-password");
  await expect(wrong.getByText("Your current password is not right.")).toBeVisible();
  await expectAccessible(page, "account, with a form error");

  const form = await account.changePassword("first-journey-password", "second-journey-password");
  await expect(form.getByTestId("password-changed")).toBeVisible();
  // Still signed in on this device, with a session issued under the new password.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

  await signInPage.signOut();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await signInPage.signIn(email, "first-journey-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await expectAccessible(page, "sign-in, with an error");
  await signInPage.signIn(email, "second-journey-password");
  await expect(signInPage.accountMenu()).toContainText("Jo Journey");
});

test("signing up with a taken address answers the same and creates nothing", async ({ page, signInPage }) => {
  const signUp = new SignUpPage(page);
  await signUp.signUp("Squatter", DEMO_ACCOUNTS.reader.email, "a-squatters-password");
  await expect(signUp.done()).toContainText("Check your mail");
  await signInPage.signIn(DEMO_ACCOUNTS.reader.email, "a-squatters-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
});

test("a customer who forgot the password gets a link by mail, sets a new one once, and signs in with it", async ({
  page,
  signInPage,
}) => {
  test.setTimeout(120_000);
  const email = `forgot-${Date.now()}@example.com`;
  const signUp = new SignUpPage(page);
  await signUp.signUp("Fay Forgetful", email, "first-forgotten-password");
  await expect(signUp.done()).toContainText("Check your mail");

  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // A client-side navigation: until the new page is in, "Email" is still the sign-in form's field.
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByTestId("forgot-done")).toBeVisible();
  await expectAccessible(page, "forgot password, link sent");

  const link = await mailedLink(email, /Reset your password/, "reset-password");
  const setPassword = async (password: string) => {
    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill(password);
    await page.getByLabel("New password, again").fill(password);
    await page.getByRole("button", { name: "Set new password" }).click();
  };
  await setPassword("second-remembered-password");
  await expect(page).toHaveURL(/\/signin\?notice=password-reset/);
  await expect(page.getByText("Your password is changed and every device is signed out.")).toBeVisible();
  await expectAccessible(page, "sign-in, after a password reset");

  // The link works once.
  await setPassword("third-password-from-old-link");
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();

  await signInPage.signIn(email, "first-forgotten-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await signInPage.signIn(email, "second-remembered-password");
  await expect(signInPage.accountMenu()).toContainText("Fay Forgetful");
});
