// One competing consumer for the parity suite's concurrency case, run as a process of its own so its
// connections and its JavaScript thread are its own: `<databaseUrl> <grantId> <attempts>`. It opens the
// store, prints "ready", waits for a line on stdin, then makes all its attempts at once (as many requests
// in one app process would), each consuming and logging like the download path.
import { once } from "node:events";
import { DEFAULT_DATABASE_POOL_SIZE } from "@/lib/config/schema";
import { createDownloadStore } from "@/lib/downloads/download-store";

async function main() {
  const [databaseUrl = "", grantId = "", attemptsText = "1"] = process.argv.slice(2);
  const attempts = Number(attemptsText);
  // The pool an app process has at its default DATABASE_POOL_SIZE.
  const store = createDownloadStore(databaseUrl, DEFAULT_DATABASE_POOL_SIZE);
  // As many reads at once as there will be attempts: a pooled driver opens its connections now, so the
  // race below starts on open connections rather than staggered by connection setup.
  await Promise.all(Array.from({ length: attempts }, () => store.findGrant(grantId)));
  process.stdout.write("ready\n");
  await once(process.stdin, "data");
  const event = { grantId, userId: null, ip: null, userAgent: "parity-consumer", range: null, backend: "test" };
  const attempt = async () => {
    // As serveDownload does: the counted download's row goes with the count, a refusal is logged after.
    const counted = await store.consume(grantId, new Date(), { ...event, outcome: "ALLOWED" });
    if (!counted) await store.log({ ...event, outcome: "EXHAUSTED" });
    return counted;
  };
  const results = await Promise.all(Array.from({ length: attempts }, attempt));
  await store.close();
  process.stdout.write(`${JSON.stringify({ won: results.filter(Boolean).length })}\n`);
  process.stdin.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
