export interface Validators {
  etag: string;
  lastModified: Date;
}

/** Strong ETag from size and modification time: `"<size hex>-<mtimeMs hex>"`. */
export function validatorsFor(size: number, mtime: Date): Validators {
  return { etag: `"${size.toString(16)}-${mtime.getTime().toString(16)}"`, lastModified: mtime };
}

/** Entity tags in a list header such as If-Match; "*" is returned as ["*"]. */
export function parseEntityTags(header: string): string[] {
  if (header.trim() === "*") return ["*"];
  return header.match(/(?:W\/)?"[^"]*"/g) ?? [];
}

export function strongMatch(a: string, b: string): boolean {
  return !a.startsWith("W/") && !b.startsWith("W/") && a === b;
}

export function weakMatch(a: string, b: string): boolean {
  return a.replace(/^W\//, "") === b.replace(/^W\//, "");
}

/** Seconds since the epoch of an HTTP-date, or null when it is not one. */
export function parseHttpDateSeconds(value: string): number | null {
  const trimmed = value.trim();
  // asctime() dates carry no zone; Date.parse would read them as local time.
  const withZone = /GMT$/i.test(trimmed) ? trimmed : `${trimmed} GMT`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

export function toSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
