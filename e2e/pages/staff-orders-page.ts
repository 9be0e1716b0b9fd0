import { expect, type Locator, type Page } from "@playwright/test";

/** /admin/orders: search, filters and the table. */
export class StaffOrdersPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/admin/orders");
    await expect(this.page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
  }

  async search(text: string) {
    const form = this.page.getByRole("search", { name: "Orders" });
    await form.getByLabel("Search").fill(text);
    await form.getByRole("button", { name: "Search" }).click();
    await expect(this.page).toHaveURL(
      new RegExp(`q=${encodeURIComponent(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
    );
  }

  rows(): Locator {
    return this.page.getByTestId("orders-table").locator("tbody tr");
  }

  async openOrderOf(email: string) {
    await this.rows().filter({ hasText: email }).getByRole("link").click();
    await expect(this.page.getByRole("heading", { name: /^Order / })).toBeVisible();
  }
}

/** /admin/orders/[orderId]: lines with refunds, grants, download log, timeline. */
export class StaffOrderPage {
  constructor(private readonly page: Page) {}

  line(title: string): Locator {
    return this.page.getByTestId("order-lines").locator("tbody tr").filter({ hasText: title });
  }

  grant(file: string): Locator {
    return this.page.getByTestId("grant-row").filter({ hasText: file });
  }

  timeline(): Locator {
    return this.page.getByTestId("timeline");
  }

  /** Ticks the items, opens the confirmation, checks what it says, and confirms. */
  async refundItems(titles: string[], expectedAmount: string) {
    for (const title of titles) await this.page.getByRole("checkbox", { name: `Select ${title} for refund` }).check();
    await this.page.getByRole("button", { name: "Refund selected items" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Refund the selected items?" });
    await expect(dialog).toBeVisible();
    for (const title of titles) await expect(dialog).toContainText(title);
    await dialog.getByRole("button", { name: `Refund ${expectedAmount}` }).click();
    await expect(dialog).toBeHidden();
  }
}
