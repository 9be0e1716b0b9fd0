import path from "node:path";
import type { TestInfo } from "@playwright/test";

const DOCS_SCREENSHOTS = path.resolve(__dirname, "../docs/screenshots");

/**
 * Where a screenshot the README shows is written: the committed docs/screenshots/ only when
 * `npm run docs:screenshots` asks for it, otherwise the test's own output folder under test-results/,
 * so an ordinary run never rewrites committed images.
 */
export function screenshotPath(testInfo: TestInfo, name: string): string {
  return process.env.BINDERY_DOCS_SCREENSHOTS === "1" ? path.join(DOCS_SCREENSHOTS, name) : testInfo.outputPath(name);
}
