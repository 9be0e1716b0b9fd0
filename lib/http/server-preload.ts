import "server-only";

const MARK = Symbol.for("bindery.serverPreload");

/** Set by scripts/server-preload.cjs: the peer-address header and Content-Length of downloads depend on it. */
export function serverPreloadLoaded(): boolean {
  return (globalThis as Record<symbol, unknown>)[MARK] === true;
}

/**
 * A production server without the preload would call every client "unknown" (one shared rate limit for
 * everyone) and send downloads without a length: refuse to start rather than run subtly wrong.
 */
export function assertServerPreload(): void {
  if (serverPreloadLoaded()) return;
  if (process.env.NODE_ENV === "production") {
    console.error(
      "Bindery cannot start: scripts/server-preload.cjs is not loaded; start the production server with `npm start`",
    );
    process.exit(1);
  }
  console.warn(
    "scripts/server-preload.cjs is not loaded: client addresses and download lengths differ from production",
  );
}
