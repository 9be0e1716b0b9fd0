// One competing consumer for the parity suite's concurrency case, run as a process of its own so its
// connection and its JavaScript thread are its own: `<databaseUrl> <grantId> <attempts>`. It opens the
// store, prints "ready", waits for a line on stdin, then consumes and logs like the download path.
import { once } from "node:events";
import { createDownloadStore } from "@/lib/downloads/download-store";

async function main() {
  const [databaseUrl = "", grantId = "", attemptsText = "1"] = process.argv.slice(2);
  const store = createDownloadStore(databaseUrl);
  process.stdout.write("ready\n");
  await once(process.stdin, "data");
  let won = 0;
  for (let attempt = 0; attempt < Number(attemptsText); attempt++) {
    const counted = await store.consume(grantId, new Date());
    if (counted) won++;
    await store.log({
      grantId,
      userId: null,
      ip: null,
      userAgent: "parity-consumer",
      range: null,
      backend: "test",
      outcome: counted ? "ALLOWED" : "EXHAUSTED",
    });
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ won })}\n`);
  process.stdin.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
