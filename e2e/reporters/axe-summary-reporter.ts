import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { axeChecksIn, axePageLines, axeTotalLine, type AxeCheckCounts } from "../../scripts/lib/axe-summary.mjs";

/** Prints, after the run, what axe found on every page the journeys checked (e2e/accessibility.ts). */
export default class AxeSummaryReporter implements Reporter {
  private readonly checks: AxeCheckCounts[] = [];

  onTestEnd(_test: TestCase, result: TestResult) {
    this.checks.push(...axeChecksIn(result.annotations));
  }

  onEnd() {
    if (this.checks.length === 0) return;
    console.log(`\n${axeTotalLine(this.checks)}\n${axePageLines(this.checks).join("\n")}`);
  }

  printsToStdio() {
    return false;
  }
}
