import http from "node:http";
import net from "node:net";

export interface Answer {
  method: string;
  path: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

/**
 * One request with the path sent byte for byte as given (fetch would normalise "/media/../"), on
 * its own connection so one answer cannot disturb the next.
 */
export function request(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: hostname, port, method, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          method,
          path,
          status: response.statusCode ?? 0,
          headers: response.headers,
          rawHeaders: response.rawHeaders,
          body: Buffer.concat(chunks),
        }),
      );
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

/** Starts a GET and drops the connection once at least `bytes` have arrived; returns what arrived. */
export function interruptedDownload(baseUrl: string, path: string, bytes: number): Promise<Buffer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const outgoing = http.get({ host: hostname, port, path, agent: false }, (response) => {
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received >= bytes) {
          outgoing.destroy();
          resolve(Buffer.concat(chunks));
        }
      });
      response.on("end", () => reject(new Error(`the whole file (${received} bytes) arrived before the interruption`)));
    });
    outgoing.on("error", (error) => (received >= bytes ? undefined : reject(error)));
  });
}

/** A HEAD read straight off the socket: the status line, and any bytes after the headers (there must be none). */
export function headOnTheWire(
  baseUrl: string,
  path: string,
): Promise<{ statusLine: string; head: string; extraBytes: number }> {
  const { hostname, port, host } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`HEAD ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => {
      const raw = Buffer.concat(chunks);
      const end = raw.indexOf("\r\n\r\n");
      const head = raw.subarray(0, end === -1 ? raw.length : end).toString("latin1");
      resolve({ statusLine: head.split("\r\n")[0] ?? "", head, extraBytes: end === -1 ? 0 : raw.length - end - 4 });
    });
    socket.on("error", reject);
  });
}

/**
 * A request written byte for byte, headers included (odd spellings, repeated names), answered on a
 * connection closed after it. Returns the status and the body as text (not de-chunked).
 */
export function rawRequest(baseUrl: string, head: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(head));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => {
      const raw = Buffer.concat(chunks).toString("latin1");
      const end = raw.indexOf("\r\n\r\n");
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0),
        body: end === -1 ? "" : raw.slice(end + 4),
      });
    });
    socket.on("error", reject);
  });
}

/**
 * POSTs `size` bytes, announced with Content-Length or sent chunked, on a raw socket, the way curl
 * sends a large body: `Expect: 100-continue` first, the body only after "100 Continue", a chunk at a
 * time with the answer read in between. Resolves with the final status (0 when none arrived).
 * A server with a body limit answers before the whole body was sent and may reset the connection
 * while the client still writes: the answer must be read before that, write errors are expected.
 */
export function postBody(
  baseUrl: string,
  path: string,
  size: number,
  mode: "announced" | "chunked",
  extra: Record<string, string> = {},
): Promise<number> {
  const { hostname, port, host } = new URL(baseUrl);
  const length = mode === "announced" ? { "Content-Length": String(size) } : { "Transfer-Encoding": "chunked" };
  const headers = {
    Host: host,
    "Content-Type": "application/octet-stream",
    ...extra,
    ...length,
    Expect: "100-continue",
    Connection: "close",
  };
  const head = `POST ${path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n`;
  return new Promise((resolve) => {
    let received = "";
    let sending = false;
    let done = false;
    const socket = net.connect(Number(port), hostname);
    const finish = (status: number) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(status);
    };
    const finalStatus = () => {
      // Skip any interim "HTTP/1.1 100 Continue" answers.
      const statuses = [...received.matchAll(/(?:^|\r\n\r\n)HTTP\/1\.[01] (\d{3})/g)].map((match) => Number(match[1]));
      return statuses.find((status) => status >= 200) ?? 0;
    };
    const piece = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const sendNext = () => {
      if (done || socket.destroyed) return;
      if (sent >= size) {
        if (mode === "chunked") socket.write("0\r\n\r\n");
        return;
      }
      const part = piece.subarray(0, Math.min(piece.length, size - sent));
      sent += part.length;
      const framed =
        mode === "chunked"
          ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from("\r\n")])
          : part;
      // One chunk per turn of the event loop, so an early answer is read before the next write.
      socket.write(framed, () => setImmediate(sendNext));
    };
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const status = finalStatus();
      if (status >= 400 || (status > 0 && received.includes("\r\n\r\n") && mode === "announced" && sent >= size))
        finish(status);
      else if (!sending && /^HTTP\/1\.[01] 100/.test(received)) {
        sending = true;
        sendNext();
      }
    });
    socket.on("end", () => finish(finalStatus()));
    socket.on("close", () => finish(finalStatus()));
    socket.on("error", () => undefined);
    socket.on("connect", () => socket.write(head));
  });
}
