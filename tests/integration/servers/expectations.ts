import { expect } from "vitest";
import type { Answer } from "../../helpers/servers/raw-http";

const OFFLOAD_HEADERS = ["x-accel-redirect", "x-sendfile", "x-sendfile2", "x-lighttpd-send-file"];

/** Neither the file nor any 64-byte stretch of it (a partial or ranged leak) is in the answer. */
export function expectNoFileBytes(answer: Answer, file: Buffer): void {
  const label = `${answer.method} ${answer.path} → ${answer.status}`;
  expect(answer.body.equals(file), label).toBe(false);
  for (const at of [0.25, 0.5, 0.75]) {
    const start = Math.floor(file.length * at);
    expect(answer.body.includes(file.subarray(start, start + 64)), label).toBe(false);
  }
}

/** No offload header, and no path under the store's folder, in the answer's headers or body. */
export function expectNoLeak(answer: Answer, storeDir: string): void {
  const label = `${answer.method} ${answer.path} → ${answer.status}`;
  for (const name of OFFLOAD_HEADERS) expect(answer.headers[name], `${label}: ${name}`).toBeUndefined();
  expect(answer.rawHeaders.join("\n").includes(storeDir), `${label}: a header names ${storeDir}`).toBe(false);
  // An error page may echo the path that was asked for; only a path the client did not send is a leak.
  if (!decodeURIComponent(answer.path).includes(storeDir)) {
    expect(answer.body.toString("latin1").includes(storeDir), `${label}: the body names ${storeDir}`).toBe(false);
  }
}
