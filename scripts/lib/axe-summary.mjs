// The accessibility summary of a Playwright run, from the "axe" annotations e2e/accessibility.ts leaves:
// printed at the end of the run (e2e/reporters/axe-summary-reporter.ts) and by scripts/test-summary.mjs.

const IMPACTS = ["critical", "serious", "moderate", "minor"];

/** Every axe check recorded in a list of annotations ({ type, description }). */
export function axeChecksIn(annotations) {
  return annotations.filter((a) => a.type === "axe" && a.description).map((a) => JSON.parse(a.description));
}

const counts = (check) => IMPACTS.map((impact) => `${check[impact]} ${impact}`).join(", ");

/** One line for the whole run: how many pages were checked and the violations found, by impact. */
export function axeTotalLine(checks) {
  const total = Object.fromEntries(IMPACTS.map((impact) => [impact, 0]));
  for (const check of checks) for (const impact of IMPACTS) total[impact] += check[impact];
  const pages = new Set(checks.map((check) => check.page)).size;
  const checked = `${checks.length} check${checks.length === 1 ? "" : "s"} on ${pages} page${pages === 1 ? "" : "s"}`;
  return `axe (WCAG 2.1 A/AA): ${checked}; violations: ${counts(total)}`;
}

/** One line per page name: how often it was checked, the most violations one check found, and which rules. */
export function axePageLines(checks) {
  const byPage = new Map();
  for (const check of checks) {
    const seen = byPage.get(check.page) ?? { page: check.page, checks: 0, rules: new Set() };
    seen.checks += 1;
    for (const impact of IMPACTS) seen[impact] = Math.max(seen[impact] ?? 0, check[impact]);
    for (const rule of check.rules) seen.rules.add(rule);
    byPage.set(check.page, seen);
  }
  const width = Math.max(0, ...[...byPage.keys()].map((page) => page.length));
  return [...byPage.values()].map((seen) => {
    const rules = seen.rules.size ? `: ${[...seen.rules].join(", ")}` : "";
    return `  ${seen.page.padEnd(width)}  ×${seen.checks}  ${counts(seen)}${rules}`;
  });
}
