import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

/** Writes a Web Response to a Node response the way a Node adapter does: header strings as given. */
export async function writeResponse(response: Response, res: http.ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body === null) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
}

/** Serves one Response on 127.0.0.1 and returns the raw bytes a client receives for a GET. */
export async function rawBytesOnTheWire(response: Response): Promise<Buffer> {
  const server = http.createServer((_req, res) => {
    void writeResponse(response, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      });
      socket.on("data", (chunk: Buffer) => chunks.push(chunk));
      socket.on("end", () => resolve(Buffer.concat(chunks)));
      socket.on("error", reject);
    });
  } finally {
    server.close();
  }
}

/** The raw bytes of one header's value in a raw HTTP/1.1 response, or null when it is absent. */
export function rawHeaderValue(raw: Buffer, name: string): Buffer | null {
  const headEnd = raw.indexOf("\r\n\r\n");
  const head = raw.subarray(0, headEnd === -1 ? raw.length : headEnd);
  const wanted = `${name.toLowerCase()}: `;
  let lineStart = head.indexOf("\r\n") + 2;
  while (lineStart > 1 && lineStart < head.length) {
    const lineEnd = head.indexOf("\r\n", lineStart);
    const line = head.subarray(lineStart, lineEnd === -1 ? head.length : lineEnd);
    if (line.subarray(0, wanted.length).toString("latin1").toLowerCase() === wanted) {
      return Buffer.from(line.subarray(wanted.length));
    }
    if (lineEnd === -1) break;
    lineStart = lineEnd + 2;
  }
  return null;
}
