// `npm run stamps:cleanup`: deletes the stamped copies of revoked purchases and the files under
// PROTECTED_ROOT/stamped/ that no copy names (the admin dashboard has the same button). Safe while the
// store runs: a file younger than an hour is left alone, as its copy may still be being recorded.
import path from "node:path";
import { absolutizePaths, loadDotEnv } from "./lib/env-file.mjs";

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..");
  loadDotEnv(root);
  absolutizePaths(root);
  // Imported after the environment is complete: the configuration is read once, on first use.
  const { cleanUpStampedCopies, stampedDiskUse } = await import("../lib/stamping/cleanup");
  const { formatBytes } = await import("../lib/catalog/money");
  const report = await cleanUpStampedCopies();
  const use = await stampedDiskUse();
  console.log(
    `stamps:cleanup: removed ${report.revoked} copies of revoked purchases, ${report.orphanFiles} orphaned files ` +
      `(${formatBytes(report.orphanBytes)}); ${use.copies} copies remain (${formatBytes(use.bytes)}).`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("stamps:cleanup failed:", error);
    process.exit(1);
  },
);
