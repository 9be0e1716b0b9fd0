import { rssMB, sampleRss } from "./process-stats";

export interface ConcurrentLargeResult {
  name: string;
  downloads: number;
  bytesEach: number;
  seconds: number;
  rssBeforeMB: number;
  rssPeakMB: number;
  rssAfterMB: number;
}

/** N simultaneous downloads of the large file, read to the end; the app's RSS before, at peak, after. */
export async function concurrentLarge(
  name: string,
  url: string,
  appPid: number,
  downloads: number,
  bytesEach: number,
): Promise<ConcurrentLargeResult> {
  const rssBeforeMB = rssMB(appPid);
  const stop = sampleRss(appPid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: downloads }, async () => {
      const response = await fetch(url);
      let received = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) received += chunk.length;
      if (received !== bytesEach) throw new Error(`${name}: got ${received} of ${bytesEach} bytes`);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rssPeakMB = stop();
  return { name, downloads, bytesEach, seconds, rssBeforeMB, rssPeakMB, rssAfterMB: rssMB(appPid) };
}
