import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeUpstream {
  address: string;
  /** TCP connections the web server opened to it so far. */
  connections: () => number;
  /** The largest POST body it received to the end, per path. */
  largestBody: (path: string) => number;
  stop: () => Promise<void>;
}

/**
 * Stands in for the app where the real one cannot misbehave on demand, to test the web server's own
 * rules. GET /echo answers the request headers it received as JSON; GET /answer?status=&header=&value=
 * answers an empty body with that status and header (an offload pointing anywhere, or a header
 * meant for another server). Any POST is read to its end and answered with the byte count.
 */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  let connections = 0;
  const largest = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://upstream");
    if (request.method === "POST") {
      let bytes = 0;
      request.on("data", (chunk: Buffer) => (bytes += chunk.length));
      request.on("end", () => {
        largest.set(url.pathname, Math.max(bytes, largest.get(url.pathname) ?? 0));
        const body = JSON.stringify({ bytes });
        response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
        response.end(body);
      });
      return;
    }
    if (url.pathname === "/echo") {
      const body = JSON.stringify(request.headers);
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      response.end(body);
      return;
    }
    if (url.pathname === "/answer") {
      const header = url.searchParams.get("header") ?? "X-Nothing";
      // Header values are ByteStrings: the path's UTF-8 bytes go on the wire as they are.
      const value = Buffer.from(url.searchParams.get("value") ?? "", "utf8").toString("latin1");
      response.writeHead(Number(url.searchParams.get("status") ?? 200), { [header]: value, "Content-Length": "0" });
      response.end();
      return;
    }
    response.writeHead(404, { "Content-Type": "text/plain", "Content-Length": "9" });
    response.end("not found");
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    connections: () => connections,
    largestBody: (path) => largest.get(path) ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
