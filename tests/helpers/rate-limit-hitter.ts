// One competing client of the RateLimit table, run as a process of its own (own connection, own thread):
// `<databaseUrl> <key> <limit> <attempts>`. It opens the download store, prints "ready", waits for a line on
// stdin, then hits the key like the download path and prints how many hits were let through.
import { once } from "node:events";
import { createDownloadStore } from "@/lib/downloads/download-store";

async function main() {
  const [databaseUrl = "", key = "", limitText = "1", attemptsText = "1"] = process.argv.slice(2);
  const store = createDownloadStore(databaseUrl);
  process.stdout.write("ready\n");
  await once(process.stdin, "data");
  let allowed = 0;
  for (let attempt = 0; attempt < Number(attemptsText); attempt++) {
    if ((await store.hitRateLimit(key, Number(limitText), 60_000, Date.now())) === 0) allowed++;
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ allowed })}\n`);
  process.stdin.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
