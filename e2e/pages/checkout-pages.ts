import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** The Stripe emulator's hosted payment page (what Stripe Checkout would show). */
export class StripeTestCheckout {
  constructor(private readonly page: Page) {}

  async payAs(email: string) {
    await expect(this.page).toHaveTitle(/Stripe test checkout/);
    const field = this.page.getByLabel("Email");
    if (await field.isEditable()) await field.fill(email);
    await this.page.getByRole("button", { name: "Pay", exact: true }).click();
  }
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The shop's outbox on disk (no SMTP_URL in tests): what the customer would receive. */
export function mailsTo(email: string): Mail[] {
  const dir = process.env.BINDERY_E2E_OUTBOX ?? "";
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith(".json"))
      .sort();
  } catch {
    return [];
  }
  return names
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Mail)
    .filter((mail) => mail.to === email);
}
