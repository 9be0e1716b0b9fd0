import { expect, type Page } from "@playwright/test";

export interface NewBook {
  title: string;
  author: string;
  description: string;
  price: string;
}

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The back office's book pages: the list, the new-book form and a book's edit page. */
export class AdminBooksPage {
  constructor(private readonly page: Page) {}

  async createBook(book: NewBook) {
    await this.page.goto("/admin/books");
    await this.page.getByRole("link", { name: "New book" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "New book" })).toBeVisible();
    await this.page.getByLabel("Title", { exact: true }).fill(book.title);
    await this.page.getByLabel("Author", { exact: true }).fill(book.author);
    await this.page.getByLabel("Description", { exact: true }).fill(book.description);
    await this.page.getByLabel("Price", { exact: true }).fill(book.price);
    await this.page.getByRole("button", { name: "Create draft" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: book.title })).toBeVisible();
  }

  status() {
    return this.page.getByText(/^(Draft|Published)$/).first();
  }

  async uploadCover(file: UploadFile) {
    await this.page.getByLabel("Replace the cover").setInputFiles(file);
  }

  /** Picks files in "Add PDF or EPUB files"; the upload starts at once. */
  async chooseBookFiles(...files: UploadFile[]) {
    await this.page.getByLabel("Add PDF or EPUB files").setInputFiles(files);
  }

  progress() {
    return this.page.getByTestId("upload-progress");
  }

  progressLabel() {
    return this.page.getByTestId("upload-progress-label");
  }

  async cancelUpload() {
    await this.page.getByRole("button", { name: "Cancel upload" }).click();
  }

  files() {
    return this.page.getByTestId("book-file");
  }

  async publish() {
    await this.page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(
      this.page.getByRole("status").filter({ hasText: "Published: the book is in the store." }),
    ).toBeVisible();
  }
}

/** Slows the browser's uploads (Chromium DevTools protocol), so a progress bar can be watched. */
export async function throttleUploads(page: Page, bytesPerSecond: number | null) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond ?? -1,
  });
}
