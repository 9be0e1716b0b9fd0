import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readlinkSync } from "node:fs";
import { realpath } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendProtectedFile } from "./send-protected-file";
import { rawBytesOnTheWire, rawHeaderValue, writeResponse } from "./testing/serve-response";
import { makeTempRoot, type TempRoot } from "./testing/temp-root";
import type { SendfileBackendName } from "./types";

// Large enough that loopback socket buffers cannot swallow it: the server must wait on the client.
const BIG = randomBytes(32 * 1024 * 1024);
let tree: TempRoot;
beforeAll(async () => {
  tree = await makeTempRoot();
  await tree.write("日本語/résumé.pdf", "%PDF-1.7");
  await tree.write("%41.pdf", "%PDF-1.7");
  await tree.write("big.bin", BIG);
});
afterAll(() => tree.cleanup());

function send(backend: SendfileBackendName, storageKey: string): Promise<Response> {
  return sendProtectedFile(
    new Request("http://store.test/api/downloads/g1"),
    { storageKey, displayName: "x.pdf", contentType: "application/pdf" },
    { backend, protectedRoot: tree.root, internalPrefix: "/_protected/" },
  );
}

/** How many of this process's descriptors are open on the file, per the kernel. */
function descriptorsOn(file: string): number {
  let count = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === file) count += 1;
    } catch {
      // The descriptor closed between listing and reading it.
    }
  }
  return count;
}

const statusLine = (raw: Buffer) => raw.subarray(0, raw.indexOf("\r\n")).toString("latin1");

async function waitFor(condition: () => boolean, ms = 2000): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

describe("on the wire, through node:http", () => {
  it("apache: X-Sendfile arrives as the path's UTF-8 bytes", async () => {
    const response = await send("apache", "日本語/résumé.pdf");
    const raw = await rawBytesOnTheWire(response);
    const expected = Buffer.from(await realpath(`${tree.root}/日本語/résumé.pdf`), "utf8");
    expect(statusLine(raw)).toBe("HTTP/1.1 200 OK");
    expect(rawHeaderValue(raw, "x-sendfile")).toEqual(expected);
  });

  it("shows why: a raw non-ASCII header string goes out as Latin-1, not UTF-8", async () => {
    const raw = await rawBytesOnTheWire(new Response(null, { headers: { "X-Sendfile": "/srv/é.pdf" } }));
    expect(rawHeaderValue(raw, "x-sendfile")).toEqual(
      Buffer.from([...Buffer.from("/srv/"), 0xe9, ...Buffer.from(".pdf")]),
    );
  });

  it("nginx: X-Accel-Redirect arrives percent-encoded, %41 stays literal", async () => {
    const raw = await rawBytesOnTheWire(await send("nginx", "%41.pdf"));
    expect(statusLine(raw)).toBe("HTTP/1.1 204 No Content");
    expect(rawHeaderValue(raw, "x-accel-redirect")?.toString("latin1")).toBe("/_protected/%2541.pdf");
  });

  it("node: a client that goes away mid-download releases the file", async () => {
    const file = await realpath(`${tree.root}/big.bin`);
    const server = http.createServer((_req, res) => {
      void send("node", "big.bin")
        .then((response) => writeResponse(response, res))
        .catch(() => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const digest = createHash("sha256");
      const received = await new Promise<number>((resolve, reject) => {
        const request = http.get({ host: "127.0.0.1", port, path: "/" }, (res) => {
          let bytes = 0;
          res.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
            digest.update(chunk);
            if (bytes >= 1024 * 1024) {
              res.pause();
              // Backpressure holds the server mid-file: the handle is still open.
              void waitFor(() => descriptorsOn(file) === 1, 500).then((open) => {
                request.destroy();
                resolve(open ? bytes : -1);
              });
            }
          });
        });
        request.on("error", reject);
      });
      expect(received).toBeGreaterThan(0);
      expect(received).toBeLessThan(BIG.length);
      expect(await waitFor(() => descriptorsOn(file) === 0)).toBe(true);
    } finally {
      server.close();
    }
  });

  it("node: a full download through a real socket has the file's bytes", async () => {
    const raw = await rawBytesOnTheWire(await send("node", "big.bin"));
    expect(rawHeaderValue(raw, "content-length")?.toString("latin1")).toBe(String(BIG.length));
    const body = raw.subarray(raw.indexOf("\r\n\r\n") + 4);
    const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
    expect(sha(body)).toBe(sha(BIG));
  });
});
