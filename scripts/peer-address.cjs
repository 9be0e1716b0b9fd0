// Preloaded by scripts/start.mjs: records the TCP peer of every request in `x-bindery-peer`,
// overwriting any value a client sent, so the app can tell a trusted proxy from anyone else.
const http = require("node:http");

const originalEmit = http.Server.prototype.emit;
http.Server.prototype.emit = function emit(event, request, ...rest) {
  if (event === "request" && request && request.socket) {
    request.headers["x-bindery-peer"] = request.socket.remoteAddress || "";
  }
  return originalEmit.call(this, event, request, ...rest);
};
