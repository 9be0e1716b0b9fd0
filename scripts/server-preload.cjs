// Preloaded by scripts/start.mjs (and scripts/dev.mjs) into the Next.js server process. Three small changes
// at the HTTP layer, where Next.js leaves no hook:
// 1. Every request gets `x-bindery-peer` = the TCP peer address, overwriting anything a client sent,
//    so the app can tell a trusted proxy from anyone else (Next only fills x-forwarded-for if absent).
//    Without this preload (plain `next start`) the header is missing and lib/http/client-ip.ts calls
//    the client unknown; the deploy/ configs strip a client's copy as well, in case it runs without.
// 2. Next.js 16 drops Content-Length from route handler responses (send-response.js FORBIDDEN_HEADERS),
//    so downloads would be chunked with no size for the browser's progress bar. A route that knows the
//    exact length says so in `x-bindery-content-length`; it becomes Content-Length here.
//
// 3. The lanes (lib/http/lanes.ts): a request that one takes is answered there, without Next's router in
//    between. The download lane (lib/downloads/download-lane.ts) calls the same serveDownload as the route
//    handler; the page lane (lib/catalog/page-lane.ts) sends its copy of Next's own answer for an anonymous
//    visitor's catalog or book page. instrumentation.ts installs them in production; until then, and for
//    everything else, Next answers.
//
// It marks the process so instrumentation.ts can refuse a production server started without it
// (`node .next/standalone/server.js` or `next start`), where all three would silently be missing.
const http = require("node:http");

globalThis[Symbol.for("bindery.serverPreload")] = true;

const INTERNAL_LENGTH = "x-bindery-content-length";
const LANES = Symbol.for("bindery.lanes");

const originalEmit = http.Server.prototype.emit;
http.Server.prototype.emit = function emit(event, request, ...rest) {
  if (event === "request" && request && request.socket) {
    request.headers["x-bindery-peer"] = request.socket.remoteAddress || "";
    const lanes = globalThis[LANES];
    if (lanes) for (const lane of lanes) if (lane(request, rest[0])) return true;
  }
  return originalEmit.call(this, event, request, ...rest);
};

const originalWriteHead = http.ServerResponse.prototype.writeHead;
http.ServerResponse.prototype.writeHead = function writeHead(...args) {
  const length = this.getHeader(INTERNAL_LENGTH);
  if (length !== undefined) {
    this.removeHeader(INTERNAL_LENGTH);
    if (/^\d+$/.test(String(length))) this.setHeader("content-length", String(length));
  }
  return originalWriteHead.apply(this, args);
};
