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
export function request(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
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
export function headOnTheWire(baseUrl: string, path: string): Promise<{ statusLine: string; head: string; extraBytes: number }> {
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
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0), body: end === -1 ? "" : raw.slice(end + 4) });
    });
    socket.on("error", reject);
  });
}

/**
 * POSTs `size` bytes, announced with Content-Length or sent chunked, and resolves with the status
 * (0 when the server closed the connection without answering). The server may answer before the
 * whole body was sent: that is what a body limit does.
 */
export function postBody(baseUrl: string, path: string, size: number, mode: "announced" | "chunked", extra: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  const headers = { "Content-Type": "application/octet-stream", ...extra, ...(mode === "announced" ? { "Content-Length": String(size) } : { "Transfer-Encoding": "chunked" }) };
  return new Promise((resolve, reject) => {
    let settled = false;
    const outgoing = http.request({ host: hostname, port, method: "POST", path, headers, agent: false }, (response) => {
      settled = true;
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      if (settled) return;
      if (error.code === "EPIPE" || error.code === "ECONNRESET") resolve(0);
      else reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const write = () => {
      while (sent < size && !outgoing.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += piece.length;
        if (!outgoing.write(piece)) return void outgoing.once("drain", write);
      }
      outgoing.end();
    };
    write();
  });
}
