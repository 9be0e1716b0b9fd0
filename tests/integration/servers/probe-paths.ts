import path from "node:path";

const encodePath = (text: string) => text.split("/").map(encodeURIComponent).join("/");

/**
 * Ways a client might ask a web server for a protected file directly: the internal prefix, dot-dot
 * and encoded variants, the storage path itself, and climbs out of the public aliases (in the test
 * store, media/ and protected/ are siblings, as they are in the default layout).
 */
export function probePaths(storageKey: string, env: Record<string, string>): string[] {
  const prefix = env.SENDFILE_URL ?? "/_protected/";
  const bare = prefix.slice(0, -1);
  const root = env.PROTECTED_ROOT ?? "";
  const name = encodePath(path.basename(root));
  const key = encodePath(storageKey);
  const climb = "../".repeat(10);
  return [
    `${prefix}${key}`,
    `${prefix}./${key}`,
    `/${prefix}${key}`,
    `${prefix.toUpperCase()}${key}`,
    `/%5F${prefix.slice(2)}${key}`,
    `${bare}%2F${key}`,
    `${bare}../${name}/${key}`,
    `${prefix}../${name}/${key}`,
    `${prefix}..%2F${name}/${key}`,
    `${prefix}%2e%2e/${name}/${key}`,
    `/api/downloads/../..${prefix}${key}`,
    `${encodePath(root)}/${key}`,
    `/${name}/${key}`,
    `/media/../${name}/${key}`,
    `/media/%2e%2e/${name}/${key}`,
    `/media/..%2f${name}/${key}`,
    `/media../${name}/${key}`,
    `/media%2f..%2f${name}/${key}`,
    `/_next/static/${climb}${encodePath(root.slice(1))}/${key}`,
    `/_next/static/${"%2e%2e/".repeat(10)}${encodePath(root.slice(1))}/${key}`,
  ];
}
