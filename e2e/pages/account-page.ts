import { expect, type Page } from "@playwright/test";
import { mailsTo } from "./checkout-pages";

/** The mailed link of the newest mail to `email` whose subject matches, once it has arrived. */
export async function mailedLink(email: string, subject: RegExp, route: string): Promise<string> {
  const pattern = new RegExp(`(https?://\\S+/${route}\\?token=\\S+)`);
  await expect
    .poll(() => mailsTo(email).filter((mail) => subject.test(mail.subject)).length, { timeout: 10_000 })
    .toBeGreaterThan(0);
  const mail = mailsTo(email)
    .filter((candidate) => subject.test(candidate.subject))
    .at(-1);
  const link = pattern.exec(mail?.text ?? "")?.[1];
  if (!link) throw new Error(`no ${route} link in the mail to ${email}`);
  return link;
}

export class SignUpPage {
  constructor(private readonly page: Page) {}

  async signUp(name: string, email: string, password: string) {
    await this.page.goto("/signup");
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Create account" }).click();
  }

  done() {
    return this.page.getByTestId("signup-done");
  }
}

export class AccountPage {
  constructor(private readonly page: Page) {}

  async openFromMenu() {
    await this.page.getByTestId("account-menu").click();
    await this.page.getByRole("link", { name: "Account" }).click();
    await expect(this.page.getByRole("heading", { name: "Your account" })).toBeVisible();
  }

  verifyBanner() {
    return this.page.getByTestId("verify-email-banner");
  }

  async changePassword(current: string, next: string, confirm = next) {
    const form = this.page.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill(current);
    await form.getByLabel("New password", { exact: true }).fill(next);
    await form.getByLabel("New password, again").fill(confirm);
    await form.getByRole("button", { name: "Change password" }).click();
    return form;
  }
}
