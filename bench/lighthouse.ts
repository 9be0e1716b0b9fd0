import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../tests/helpers/test-env";

/** The version the published figures were taken with; `--lighthouse` fetches exactly this one. */
export const LIGHTHOUSE_VERSION = "12.8.2";
export const LIGHTHOUSE_FLAG = "--lighthouse";

export interface LighthouseScores {
  performance: number;
  accessibility: number;
}

/** The command, with its leading arguments, that runs Lighthouse's CLI. */
export type LighthouseRunner = readonly string[];

// Lighthouse and its ~180 dependencies are not part of `npm ci`: only the full benchmark uses them.
/** The installed Lighthouse, else npx when asked with `--lighthouse`, else null. */
export function findLighthouse(argv: readonly string[]): LighthouseRunner | null {
  try {
    const manifest = createRequire(path.join(PROJECT_ROOT, "package.json")).resolve("lighthouse/package.json");
    return [process.execPath, path.join(path.dirname(manifest), "cli/index.js")];
  } catch {
    return argv.includes(LIGHTHOUSE_FLAG) ? ["npx", "--yes", `lighthouse@${LIGHTHOUSE_VERSION}`] : null;
  }
}

export const LIGHTHOUSE_SKIPPED =
  `Lighthouse rows skipped: lighthouse is not installed. Include them with \`npm run bench -- ${LIGHTHOUSE_FLAG}\`` +
  ` (runs lighthouse@${LIGHTHOUSE_VERSION} through npx) or \`npm install --no-save lighthouse@${LIGHTHOUSE_VERSION}\`.`;

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Lighthouse's JSON report (lhr) of one page, from its CLI in Debian's Chromium, mobile defaults. */
export async function lighthouseReport(
  runner: LighthouseRunner,
  url: string,
  headers: Record<string, string> = {},
): Promise<LighthouseResult> {
  const [command, ...prefix] = runner;
  const args = [
    ...prefix,
    url,
    ...(Object.keys(headers).length ? [`--extra-headers=${JSON.stringify(headers)}`] : []),
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    "--only-categories=performance,accessibility",
    `--chrome-flags=${CHROME_FLAGS.join(" ")}`,
  ];
  const { stdout } = await promisify(execFile)(command, args, {
    env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as LighthouseResult;
}

/** The parts of Lighthouse's report the benchmark reads. */
export interface LighthouseResult {
  categories?: Record<string, { score: number | null } | undefined>;
  audits?: Record<
    string,
    { score: number | null; numericValue?: number; displayValue?: string; details?: unknown } | undefined
  >;
}

/** A category's score, 0–100. */
export function categoryScore(report: LighthouseResult, name: string): number {
  return Math.round((report.categories?.[name]?.score ?? 0) * 100);
}

/** Performance and accessibility scores (0–100) of one page, from Lighthouse's CLI in Debian's Chromium. */
export async function lighthouseScores(
  runner: LighthouseRunner,
  url: string,
  headers: Record<string, string> = {},
): Promise<LighthouseScores> {
  const report = await lighthouseReport(runner, url, headers);
  return { performance: categoryScore(report, "performance"), accessibility: categoryScore(report, "accessibility") };
}
