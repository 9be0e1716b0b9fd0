import { writeFileSync } from "node:fs";
import path from "node:path";
import { IS_ROOT, WEB_USER, runServer, workerWritableDir, type RunningServer } from "./process";

/**
 * nginx with the rendered site file included from a minimal nginx.conf, the stand-in for Debian's
 * /etc/nginx/nginx.conf (same user, worker_connections, mime types and sendfile), everything else under `dir`.
 */
export async function startNginx(dir: string, port: number, site: string): Promise<RunningServer> {
  const { mainPath, errorLog } = writeNginxConfig(dir, site);
  return runServer("nginx", ["-p", `${dir}/`, "-c", mainPath, "-e", errorLog], port, { logFiles: [errorLog] });
}

/** Writes the site file and the nginx.conf including it under `dir`; `nginx -t -p <dir>/ -c <mainPath>` checks them. */
export function writeNginxConfig(dir: string, site: string): { mainPath: string; errorLog: string } {
  const temp = workerWritableDir(path.join(dir, "temp"));
  const sitePath = path.join(dir, "bindery.conf");
  const errorLog = path.join(dir, "error.log");
  writeFileSync(sitePath, site);
  const main = `${IS_ROOT ? `user ${WEB_USER};` : ""}
worker_processes 1;
daemon off;
pid ${path.join(dir, "nginx.pid")};
error_log ${errorLog} warn;
events { worker_connections 768; }
http {
    sendfile on;
    tcp_nopush on;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${path.join(dir, "access.log")};
    client_body_temp_path ${temp}/body;
    proxy_temp_path ${temp}/proxy;
    fastcgi_temp_path ${temp}/fastcgi;
    uwsgi_temp_path ${temp}/uwsgi;
    scgi_temp_path ${temp}/scgi;
    include ${sitePath};
}
`;
  const mainPath = path.join(dir, "nginx.conf");
  writeFileSync(mainPath, main);
  writeFileSync(errorLog, "");
  return { mainPath, errorLog };
}
