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
