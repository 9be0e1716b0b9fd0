// Requests sent exactly as written: no URL normalisation (a client probing "/media/../" must send
// it as is), and HEAD read off the socket so stray body bytes are seen.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";

const TIMEOUT_MS = 10_000;

/** @returns {Promise<{ status: number, headers: Record<string, string>, rawHeaders: string[], body: Buffer }>} */
export function send(base, method, rawPath, headers = {}) {
  const client = base.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      {
        host: base.hostname,
        port: base.port || undefined,
        method,
        path: rawPath,
        headers,
        timeout: TIMEOUT_MS,
        agent: false,
      },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: flatten(response.headers),
            rawHeaders: response.rawHeaders,
            body: Buffer.concat(chunks),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000}s`)));
    request.on("error", reject);
    request.end();
  });
}

function flatten(headers) {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(", ") : String(value ?? ""),
    ]),
  );
}

/** A HEAD over its own connection; returns the status line and how many bytes followed the headers. */
export function headOnTheWire(base, rawPath) {
  const port = Number(base.port) || (base.protocol === "https:" ? 443 : 80);
  const options = { host: base.hostname, port, servername: net.isIP(base.hostname) ? undefined : base.hostname };
  return new Promise((resolve, reject) => {
    const socket = base.protocol === "https:" ? tls.connect(options) : net.connect(options);
    const chunks = [];
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000}s`)));
    socket.once(base.protocol === "https:" ? "secureConnect" : "connect", () => {
      socket.write(`HEAD ${rawPath} HTTP/1.1\r\nHost: ${base.host}\r\nConnection: close\r\n\r\n`);
    });
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => {
      const raw = Buffer.concat(chunks);
      const end = raw.indexOf("\r\n\r\n");
      const head = raw.subarray(0, end === -1 ? raw.length : end).toString("latin1");
      resolve({ statusLine: head.split("\r\n")[0] ?? "", extraBytes: end === -1 ? 0 : raw.length - end - 4 });
    });
    socket.on("error", reject);
  });
}

/** Whether something accepts TCP connections at host:port within two seconds. */
export function acceptsConnections(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
