// `npm run stamps:cleanup`: deletes the stamped copies of revoked purchases and the files under
// PROTECTED_ROOT/stamped/ that no copy names (the admin dashboard has the same button). Safe while the
// store runs: a file younger than an hour is left alone, as its copy may still be being recorded.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { absolutizePaths, loadDotEnv } from "./lib/env-file.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
loadDotEnv(root);
absolutizePaths(root);

const { cleanUpStampedCopies, stampedDiskUse } = await import("../lib/stamping/cleanup");
const { formatBytes } = await import("../lib/catalog/money");
try {
  const report = await cleanUpStampedCopies();
  const use = await stampedDiskUse();
  console.log(
    `stamps:cleanup: removed ${report.revoked} copies of revoked purchases, ${report.orphanFiles} orphaned files ` +
      `(${formatBytes(report.orphanBytes)}); ${use.copies} copies remain (${formatBytes(use.bytes)}).`,
  );
  process.exit(0);
} catch (error) {
  console.error("stamps:cleanup failed:", error);
  process.exit(1);
}
