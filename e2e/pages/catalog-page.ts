import type { Page } from "@playwright/test";

export class CatalogPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/");
  }

  bookTitles() {
    return this.page.getByTestId("catalog").getByRole("heading", { level: 2 });
  }

  async search(text: string) {
    await this.page.getByRole("searchbox", { name: "Search by title or author" }).fill(text);
    await this.page.getByRole("button", { name: "Search" }).click();
  }

  async openBook(title: string) {
    await this.page
      .getByRole("link", { name: new RegExp(title) })
      .first()
      .click();
  }

  cartCount() {
    return this.page.getByTestId("cart-link");
  }
}
