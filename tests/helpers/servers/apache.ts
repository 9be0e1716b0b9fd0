import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { IS_ROOT, WEB_USER, runServer, type RunningServer } from "./process";

const MODULES = [
  "mpm_event",
  "authz_core",
  "authz_user",
  "authn_core",
  "authn_file",
  "auth_digest",
  "mime",
  "alias",
  "headers",
  "proxy",
  "proxy_http",
  "rewrite",
  "xsendfile",
  // For the HTTPS rendering (--tls-cert/--tls-key).
  "socache_shmcb",
  "ssl",
];

/**
 * Apache with the rendered virtual host included from a minimal apache2.conf, the stand-in for
 * Debian's (same modules, User www-data, `<Directory />` denied), everything else under `dir`.
 */
export async function startApache(dir: string, port: number, vhost: string): Promise<RunningServer> {
  const run = path.join(dir, "run");
  mkdirSync(run, { recursive: true });
  const vhostPath = path.join(dir, "bindery.conf");
  const errorLog = path.join(dir, "error.log");
  writeFileSync(vhostPath, vhost);
  writeFileSync(errorLog, "");
  const main = `ServerRoot "${dir}"
${MODULES.map((name) => `LoadModule ${name}_module /usr/lib/apache2/modules/mod_${name}.so`).join("\n")}
${IS_ROOT ? `User ${WEB_USER}\nGroup ${WEB_USER}` : ""}
PidFile "${path.join(run, "apache2.pid")}"
DefaultRuntimeDir "${run}"
Mutex file:${run} default
ErrorLog "${errorLog}"
LogLevel warn
Listen 127.0.0.1:${port}
ServerName 127.0.0.1
# Debian's mpm_event defaults: with fewer workers than the benchmark's 32 keep-alive clients, Apache resets connections.
StartServers 2
ThreadsPerChild 25
MaxRequestWorkers 150
TypesConfig /etc/mime.types
AccessFileName .htaccess
<Directory />
    Options FollowSymLinks
    AllowOverride None
    Require all denied
</Directory>
<FilesMatch "^\\.ht">
    Require all denied
</FilesMatch>
Include "${vhostPath}"
`;
  const mainPath = path.join(dir, "apache2.conf");
  writeFileSync(mainPath, main);
  return runServer("apache2", ["-f", mainPath, "-DFOREGROUND"], port, { logFiles: [errorLog] });
}
