import { randomUUID } from "node:crypto";

/**
 * A generated storage key: ASCII, no user-chosen part, fanned out over two levels so no directory
 * grows huge. The display name lives in the database only.
 */
export function generateStorageKey(extension: string): string {
  const id = randomUUID().replaceAll("-", "");
  const ext = extension
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 8);
  return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}${ext ? `.${ext}` : ""}`;
}
