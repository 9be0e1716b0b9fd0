/**
 * The page lane's copies of the cached store pages (lib/catalog/page-lane.ts), keyed by the cached page's
 * internal path (`/cached/books/<slug>`, `/cached/catalog/<sort>/<page>`). On globalThis: the lane is
 * installed by instrumentation.ts and the admin's changes drop copies from the app's own bundle, two
 * module instances in one Node.js process. No imports, so both bundles stay small.
 */
export interface PageCopy {
  status: number;
  headers: [string, string][];
  body: Buffer;
  gzipped: Buffer;
  storedAt: number;
}

interface Copies {
  entries: Map<string, PageCopy>;
  bytes: number;
  /** Bumped by every drop: a copy being filled when it changes is from before the change, and not kept. */
  generation: number;
}

const KEY = Symbol.for("bindery.pageCopies");

export function pageCopies(): Copies {
  const holder = globalThis as { [KEY]?: Copies };
  return (holder[KEY] ??= { entries: new Map(), bytes: 0, generation: 0 });
}

/** Drops the copies whose internal path `matches` (every copy without one). */
export function dropPageCopies(matches: (internalPath: string) => boolean = () => true): void {
  const copies = pageCopies();
  copies.generation += 1;
  for (const [internalPath, copy] of copies.entries) {
    if (!matches(internalPath)) continue;
    copies.entries.delete(internalPath);
    copies.bytes -= copy.body.length + copy.gzipped.length;
  }
}
