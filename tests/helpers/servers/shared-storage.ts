import { chmodSync, chownSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { IS_ROOT, webUserIds } from "./process";

/**
 * Gives a store's folder the ownership deploy/systemd/README.md gives production storage: group www-data
 * and setgid folders, so a file the app writes later (0640, e.g. an upload) is readable by the web server's
 * workers, which run as www-data. Without root the server runs as the app's own user and needs nothing.
 */
export function shareWithWebServer(root: string): void {
  if (!IS_ROOT) return;
  const { gid } = webUserIds();
  const share = (entry: string) => {
    const stat = statSync(entry);
    chownSync(entry, stat.uid, gid);
    if (!stat.isDirectory()) return chmodSync(entry, (stat.mode & 0o777) | 0o040);
    chmodSync(entry, (stat.mode & 0o777) | 0o2050);
    for (const name of readdirSync(entry)) share(path.join(entry, name));
  };
  share(root);
}
