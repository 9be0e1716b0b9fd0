import Database from "better-sqlite3";
import { startApp, type RunningApp } from "../tests/helpers/app-server";
import { signIn } from "../tests/helpers/http-session";
import { prepareTestEnvironment } from "../tests/helpers/test-env";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";

// Its own store and server: the test breaks the database under it, as a botched migration would.
let app: RunningApp;
let databaseFile: string;

test.beforeAll(async ({}, testInfo) => {
  // A migrated store and a production server of its own: more than the default hook time on a busy machine.
  testInfo.setTimeout(120_000);
  const { env } = prepareTestEnvironment("e2e-errors");
  databaseFile = env.DATABASE_URL.replace(/^file:/, "");
  app = await startApp(env);
});
test.afterAll(async () => {
  await app?.stop();
});

/** Renames a table when it exists (so a test can put it back whatever happened before). */
const renameTable = (from: string, to: string) => {
  const sql = new Database(databaseFile);
  try {
    const exists = sql.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(from);
    if (exists) sql.exec(`ALTER TABLE "${from}" RENAME TO "${to}"`);
  } finally {
    sql.close();
  }
};

/** What a stack trace or the database's own error would leave on the page. */
const LEAKS = /\bat \S+ \(|\.next\/server|prisma|does not exist|no such table/i;

test("a page whose database read fails shows the store's error page: a reference, no stack, try again, home", async ({
  page,
}) => {
  // A search: rendered per request (the plain catalog is a cached copy that needs no database read).
  const search = `${app.url}/?q=lighthouse`;
  await page.goto(search);
  await expect(page.getByRole("heading", { name: "Letters from the Lighthouse" })).toBeVisible();

  renameTable("Product", "Product_lost");
  try {
    const answer = await page.goto(search);
    expect(answer?.status()).toBe(500);
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    // Inside the store's layout: the header still renders.
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    const reference = (await page.getByTestId("error-reference").textContent()) ?? "";
    expect(reference).toMatch(/^\w+$/);
    // The reference is the one the server logged beside the real error.
    expect(app.logs()).toContain(reference);
    expect(await page.content()).not.toMatch(LEAKS);
    await expect(page.getByRole("link", { name: "Back to the books" })).toHaveAttribute("href", "/");

    // Once the database is back, "Try again" renders the page.
    renameTable("Product_lost", "Product");
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { name: "Letters from the Lighthouse" })).toBeVisible();
  } finally {
    renameTable("Product_lost", "Product");
  }
});

test("when the layout itself fails, the global error page brings its own document with the same look", async ({
  page,
}) => {
  // Signed in, the header reads the account on every page: that read is what fails here.
  const cookie = await signIn(app.url, DEMO_ACCOUNTS.reader.email, DEMO_ACCOUNTS.reader.password);
  await page.setExtraHTTPHeaders({ cookie });
  renameTable("User", "User_lost");
  try {
    const answer = await page.goto(app.url);
    expect(answer?.status()).toBe(500);
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expect(page).toHaveTitle("Something went wrong · Bindery");
    const reference = (await page.getByTestId("error-reference").textContent()) ?? "";
    expect(reference).toMatch(/^\w+$/);
    expect(app.logs()).toContain(reference);
    expect(await page.content()).not.toMatch(LEAKS);
    // The store's stylesheet is there: the primary button has the accent colour, not the browser default.
    await expect(page.getByRole("button", { name: "Try again" })).toHaveCSS("background-color", "rgb(154, 52, 18)");
    await expect(page.getByRole("link", { name: "Back to the books" })).toHaveAttribute("href", "/");
  } finally {
    renameTable("User_lost", "User");
  }
});
