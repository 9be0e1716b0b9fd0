import { test as base, expect } from "@playwright/test";
import { CatalogPage } from "./pages/catalog-page";
import { SignInPage } from "./pages/sign-in-page";

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@example.com", password: "bindery-admin-demo", name: "Ada Admin" },
  staff: { email: "staff@example.com", password: "bindery-staff-demo", name: "Sam Staff" },
  reader: { email: "reader@example.com", password: "bindery-reader-demo", name: "Rae Reader" },
} as const;

export const test = base.extend<{ catalog: CatalogPage; signInPage: SignInPage }>({
  baseURL: async ({}, use) => {
    const url = process.env.BINDERY_E2E_URL;
    if (!url) throw new Error("BINDERY_E2E_URL is not set: run through playwright.config.ts (global setup)");
    await use(url);
  },
  catalog: async ({ page }, use) => use(new CatalogPage(page)),
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
});

export { expect };
