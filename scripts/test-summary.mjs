// Sums the suites' JSON reports into the one closing line CI reads: "N passed, N failed".
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { axeChecksIn, axeTotalLine } from "./lib/axe-summary.mjs";

// The steps before the suites that failed, by name ("lint", "type check"), as scripts/test.sh passes them.
const failedSteps = process.argv.slice(2);
let passed = 0;
let failed = failedSteps.length;
let skipped = 0;

/** Every annotation of every test result in a Playwright JSON report. */
function annotationsOf(suites = []) {
  return suites.flatMap((suite) => [
    ...suite.specs.flatMap((spec) => spec.tests.flatMap((t) => t.results.flatMap((r) => r.annotations ?? []))),
    ...annotationsOf(suite.suites),
  ]);
}

/** "verdict: file › title: first error line" for each test that failed or needed its retry, so CI names it. */
function playwrightFailures(suites = []) {
  return suites.flatMap((suite) => [
    ...suite.specs.flatMap((spec) =>
      spec.tests
        .filter((t) => t.status === "unexpected" || t.status === "flaky")
        .map((t) => {
          const error = t.results.find((r) => r.error)?.error?.message ?? "";
          const firstLine = error
            .replace(/\u001b\[[0-9;]*m/g, "")
            .split("\n")[0]
            .slice(0, 300);
          const verdict = t.status === "flaky" ? "flaky (passed on retry)" : "failed";
          return `${verdict}: [${t.projectName}] ${spec.file}:${spec.line} › ${spec.title}: ${firstLine}`;
        }),
    ),
    ...playwrightFailures(suite.suites),
  ]);
}

function read(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

const vitest = read("test-results/vitest.json");
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
  // A file that failed to load has no tests but is still a failure.
  failed += vitest.testResults.filter((file) => file.status === "failed" && file.assertionResults.length === 0).length;
  console.log(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);
  for (const file of vitest.testResults) {
    for (const test of file.assertionResults.filter((t) => t.status === "failed")) {
      console.log(`  failed: ${file.name.replace(process.cwd() + "/", "")} › ${test.fullName}`);
    }
  }
  // Tagged by tests/helpers/database-tag.ts with the project's database.
  const onPostgres = vitest.testResults
    .flatMap((file) => file.assertionResults)
    .filter((test) => test.status === "passed" && test.meta?.database === "postgresql").length;
  if (onPostgres) console.log(`  of which on PostgreSQL: ${onPostgres}`);
} else {
  failed += 1;
  console.log("vitest: no report (the run did not complete)");
}

for (const [name, file] of [
  ["playwright", "test-results/playwright.json"],
  ["playwright on PostgreSQL", "test-results/playwright-postgresql.json"],
]) {
  const playwright = read(file);
  if (playwright) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped: pwSkipped = 0 } = playwright.stats ?? {};
    passed += expected + flaky;
    failed += unexpected + (playwright.errors?.length ?? 0);
    skipped += pwSkipped;
    console.log(`${name}: ${expected + flaky} passed${flaky ? ` (${flaky} on retry)` : ""}, ${unexpected} failed`);
    for (const failure of playwrightFailures(playwright.suites)) console.log(`  ${failure}`);
    for (const error of playwright.errors ?? []) console.log(`  error: ${String(error.message).split("\n")[0]}`);
    const axeChecks = axeChecksIn(annotationsOf(playwright.suites));
    if (axeChecks.length) console.log(`  ${axeTotalLine(axeChecks)}`);
  } else {
    failed += 1;
    console.log(`${name}: no report (the run did not complete)`);
  }
}

if (failedSteps.length > 0) console.log(`other steps failed: ${failedSteps.join(", ")}`);
const summary = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
writeFileSync("test-results/summary.txt", `${summary}\n`);
console.log(summary);
process.exit(failed > 0 ? 1 : 0);
