import path from "node:path";

/** The SQLite file a `file:` URL names; a relative path is taken from the project root, as the app does. */
export function sqliteFile(url, root) {
  if (!url.startsWith("file:")) throw new Error(`the source must be a SQLite file: URL, not ${redact(url)}`);
  const file = url.slice("file:".length).replace(/\?.*$/, "");
  if (file === "") throw new Error("the source file: URL names no file");
  return path.resolve(root, file);
}

/** Checks the target is a PostgreSQL URL. */
export function postgresUrl(url) {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`the target must be a postgresql:// URL, not ${redact(url)}`);
  // Prisma reads ?schema=, the pg driver does not: the migrations and the copy would land in different places.
  const schema = new URL(url).searchParams.get("schema");
  if (schema !== null && schema !== "public") throw new Error(`only the public schema is supported, not ${schema}`);
  return url;
}

/** The URL as it may be printed: without its password. */
export function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}
