import { test as base, expect } from "@playwright/test";
import { CatalogPage } from "./pages/catalog-page";
import { SignInPage } from "./pages/sign-in-page";

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@example.com", password: "bindery-admin-demo", name: "Ada Admin" },
  staff: { email: "staff@example.com", password: "bindery-staff-demo", name: "Sam Staff" },
  reader: { email: "reader@example.com", password: "bindery-reader-demo", name: "Rae Reader" },
} as const;

/** The web server in front of the app that a project's browser talks to (playwright.config.ts). */
export type Front = "nginx" | "apache";

const FRONT_URL_VARIABLES: Record<Front, string> = {
  nginx: "BINDERY_E2E_URL",
  apache: "BINDERY_E2E_APACHE_URL",
};

/** Sends the Stripe emulator's webhook through `baseURL`, so fulfilment and mailed links use that front too. */
async function routeWebhookThrough(baseURL: string) {
  const stripeUrl = process.env.BINDERY_E2E_STRIPE_URL;
  if (!stripeUrl) throw new Error("BINDERY_E2E_STRIPE_URL is not set: run through playwright.config.ts");
  const answer = await fetch(`${stripeUrl}/_emulator/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url: `${baseURL}/api/stripe/webhook` }),
  });
  if (!answer.ok) throw new Error(`the emulator refused the webhook URL: ${answer.status} ${await answer.text()}`);
}

export const test = base.extend<
  { catalog: CatalogPage; signInPage: SignInPage; webhookThroughFront: undefined },
  { front: Front }
>({
  front: ["nginx", { option: true, scope: "worker" }],
  baseURL: async ({ front }, use) => {
    const variable = FRONT_URL_VARIABLES[front];
    const url = process.env[variable];
    if (!url) throw new Error(`${variable} is not set: run through playwright.config.ts (global setup)`);
    await use(url);
  },
  webhookThroughFront: [
    async ({ baseURL }, use) => {
      await routeWebhookThrough(baseURL ?? "");
      await use(undefined);
    },
    { auto: true },
  ],
  catalog: async ({ page }, use) => use(new CatalogPage(page)),
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
});

export { expect };
