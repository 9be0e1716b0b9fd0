import { writeFileSync } from "node:fs";
import path from "node:path";
import { runServer, workerWritableFile, type RunningServer } from "./process";

/** lighttpd from the rendered lighttpd.conf (a whole config; its runtime paths point under `dir`). */
export async function startLighttpd(
  dir: string,
  port: number,
  config: string,
  errorLog: string,
): Promise<RunningServer> {
  const configPath = path.join(dir, "lighttpd.conf");
  writeFileSync(configPath, config);
  // lighttpd opens its error log after dropping privileges (Debian: /var/log/lighttpd is www-data's).
  workerWritableFile(errorLog);
  return runServer("lighttpd", ["-D", "-f", configPath], port, { logFiles: [errorLog] });
}
