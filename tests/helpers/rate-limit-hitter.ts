// One competing client of the RateLimit table, run as a process of its own (own connection, own thread):
// `<databaseUrl> <key> <limit> <attempts>`. It opens the download store, prints "ready", waits for a line on
// stdin, then hits the key like the download path and prints how many hits were let through, and when it
// started and ended.
import { once } from "node:events";
import { DEFAULT_DATABASE_POOL_SIZE } from "@/lib/config/schema";
import { createDownloadStore } from "@/lib/downloads/download-store";

async function main() {
  const [databaseUrl = "", key = "", limitText = "1", attemptsText = "1"] = process.argv.slice(2);
  const store = createDownloadStore(databaseUrl, DEFAULT_DATABASE_POOL_SIZE);
  process.stdout.write("ready\n");
  await once(process.stdin, "data");
  let allowed = 0;
  const startedAt = Date.now();
  for (let attempt = 0; attempt < Number(attemptsText); attempt++) {
    if ((await store.hitRateLimit(key, Number(limitText), 60_000, Date.now())) === 0) allowed++;
  }
  const endedAt = Date.now();
  await store.close();
  process.stdout.write(`${JSON.stringify({ allowed, startedAt, endedAt })}\n`);
  process.stdin.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
