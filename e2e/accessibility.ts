import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/** The rules checked: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING: readonly string[] = ["critical", "serious"];

/** The annotation each check leaves on its test; reporters/axe-summary-reporter.ts and test-summary.mjs read it. */
export const AXE_ANNOTATION = "axe";

export type Impact = "critical" | "serious" | "moderate" | "minor";

export interface AxeCheck extends Record<Impact, number> {
  page: string;
  path: string;
  /** The violated rules, "rule-id (impact)". */
  rules: string[];
}

/**
 * Runs axe on the page as it is now, records the counts for the run's summary, and fails on any serious or
 * critical violation with one readable line per rule (what, how bad, where).
 */
export async function expectAccessible(page: Page, pageName: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const check: AxeCheck = {
    page: pageName,
    path: new URL(page.url()).pathname,
    critical: 0,
    serious: 0,
    moderate: 0,
    minor: 0,
    rules: violations.map((violation) => `${violation.id} (${violation.impact ?? "unknown"})`),
  };
  for (const violation of violations) if (violation.impact) check[violation.impact] += 1;
  test.info().annotations.push({ type: AXE_ANNOTATION, description: JSON.stringify(check) });

  const blocking = violations
    .filter((violation) => BLOCKING.includes(violation.impact ?? ""))
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}, at ` +
        violation.nodes.map((node) => node.target.join(" ")).join(", "),
    );
  expect(blocking, `serious or critical axe violations on the ${pageName} page (${check.path})`).toEqual([]);
}
