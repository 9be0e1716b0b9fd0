#!/usr/bin/env bash
# `npm test`: lint, type check, build, then every suite (unit + integration through real servers in Vitest,
# the browser in Playwright; the database suites and download journeys once per database), ending with one
# line "N passed, N failed" summed over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh || exit 1
rm -rf test-results && mkdir -p test-results

step() { printf '\n== %s\n' "$*"; }
failed_steps=() # the names of the steps before the suites that failed

step "Lint (ESLint, Prettier)"
npm run lint --silent || failed_steps+=("lint")

step "Type check"
npx tsc --noEmit || failed_steps+=("type check")

step "Production build"
npm run build --silent > test-results/build.log 2>&1 || { cat test-results/build.log; echo "Build failed"; exit 1; }
tail -n 3 test-results/build.log

step "Unit and integration tests (Vitest: every suite on SQLite, the database suites again on PostgreSQL)"
npx vitest run || true

step "Browser tests (Playwright, Debian Chromium, behind real nginx and Apache, with axe) on SQLite"
npx playwright test || true

step "The download journeys in the browser again (behind nginx), on PostgreSQL"
BINDERY_TEST_DB=postgresql npx playwright test --project=nginx e2e/guest-purchase.spec.ts e2e/library.spec.ts || true

step "Summary"
node scripts/test-summary.mjs "${failed_steps[@]}"
