import type { Page } from "@playwright/test";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async signIn(email: string, password: string) {
    await this.page.goto("/signin");
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  async signOut() {
    await this.page.getByTestId("account-menu").click();
    await this.page.getByRole("button", { name: "Sign out", exact: true }).click();
  }

  accountMenu() {
    return this.page.getByTestId("account-menu");
  }
}
