/** Runs once when the server boots, before any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertBootConfig } = await import("./lib/config/boot");
  assertBootConfig();
  // `next build` loads this file too; the preload and the mail sender belong to the running server only.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { assertServerPreload } = await import("./lib/http/server-preload");
  assertServerPreload();
  // Downloads and anonymous store pages skip Next's router in production (lib/downloads/download-lane.ts,
  // lib/catalog/page-lane.ts); `npm run dev` keeps Next's routes, which hot-reload.
  if (process.env.NODE_ENV === "production") {
    const { installDownloadLane } = await import("./lib/downloads/download-lane");
    installDownloadLane();
    const { installPageLane } = await import("./lib/catalog/page-lane");
    installPageLane();
  }
  const { startOutboxSender } = await import("./lib/mail/outbox-sender");
  // Delivers mail queued but not sent when the last process stopped (or died), then keeps retrying.
  startOutboxSender();
}

/** Every error a request ends in: one that says the database is down starts the outage answer. */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { noteRequestError } = await import("./lib/db/outage");
  noteRequestError(error);
}
