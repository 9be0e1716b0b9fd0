import { z } from "zod";

/**
 * The name buyers see and download under (the bytes live under a generated key). Control characters,
 * path separators and surrounding space are dropped; the extension always matches the real content,
 * so a PDF uploaded as "notes.txt" is sold as "notes.pdf".
 */
export function displayNameFor(fileName: string, extension: string): string {
  const base = fileName
    .split(/[\\/]/)
    .pop()
    ?.replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .slice(0, 180);
  return `${base || "file"}.${extension}`;
}

/** The query of `POST /api/admin/books/[bookId]/files`: the file's name, and the file it replaces. */
export const uploadQuerySchema = z.object({
  name: z.string().trim().min(1, "The file needs a name.").max(255, "The file name is too long."),
  replaces: z.string().min(1).max(64).optional(),
});
