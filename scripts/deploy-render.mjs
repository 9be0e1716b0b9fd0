// `npm run deploy:render -- <nginx|apache|lighttpd|caddy> [flags]`: prints the web server config for
// this environment (.env, then the process environment, then flags).
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { RenderError, SERVERS, defaultOptions, parseUpstreams, renderConfig } from "../deploy/render.mjs";
import { absolutizePaths, loadDotEnv } from "./lib/env-file.mjs";

const USAGE = `Usage: npm run deploy:render -- <${SERVERS.join("|")}> [options]

  --listen <port|ip:port>     where the web server listens (default 80)
  --app <host:port>           the Node server (default HOSTNAME:PORT, i.e. 127.0.0.1:3000)
  --app-upstream <host:port,host:port,...>   nginx: several app instances behind one upstream,
                              with failover (default APP_UPSTREAMS; README, "Scaling out")
  --server-name <name>        public host name (default: the host of APP_URL)
  --max-upload <size>         largest request body, e.g. 512m (default MAX_UPLOAD_MB + 1m)
  --static-dir <path>         the build's static assets (default .next/standalone/.next/static)
  --admin-digest <file>       apache: HTTP Digest login on /admin with this htdigest file
  --digest-realm <realm>      apache: realm of that login (default "Bindery admin")
  --https                     caddy: serve <server-name> over HTTPS with automatic certificates
  --tls-cert <file> --tls-key <file>   listen with TLS using this PEM certificate (chain) and key,
                              and send Strict-Transport-Security (any server)
  --access-log <file>         access log (default: the server's usual file under /var/log);
                              always written without query strings (signed links, tokens)
  --caddy-admin <addr|off>    caddy: admin endpoint (default localhost:2019)
  --user <name>               lighttpd: account the server runs as (default www-data)
  --pid-file, --error-log, --upload-dir <path>   lighttpd: runtime files

Paths, the internal prefix and the app address come from .env: PROTECTED_ROOT, MEDIA_ROOT,
SENDFILE_URL, HOSTNAME, PORT, APP_UPSTREAMS, APP_URL.`;

const FLAGS = {
  listen: "listen",
  app: "app",
  "server-name": "serverName",
  "max-upload": "maxUpload",
  "static-dir": "staticDir",
  "admin-digest": "adminDigestFile",
  "digest-realm": "digestRealm",
  "caddy-admin": "caddyAdmin",
  user: "user",
  "pid-file": "pidFile",
  "error-log": "errorLog",
  "upload-dir": "uploadDir",
  "tls-cert": "tlsCert",
  "tls-key": "tlsKey",
  "access-log": "accessLog",
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      ...Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: "string" }])),
      "app-upstream": { type: "string" },
      https: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [server] = positionals;
  if (values.help || positionals.length !== 1 || !SERVERS.includes(server)) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }

  loadDotEnv(root);
  absolutizePaths(root);
  const options = defaultOptions(root, process.env);
  for (const [flag, key] of Object.entries(FLAGS)) {
    if (values[flag] !== undefined)
      options[key] =
        key.endsWith("Dir") || key.endsWith("File") || ["errorLog", "accessLog", "tlsCert", "tlsKey"].includes(key)
          ? path.resolve(values[flag])
          : values[flag];
  }
  options.https = values.https ?? false;
  if (values["app-upstream"] !== undefined) {
    if (values.app !== undefined) throw new RenderError("--app and --app-upstream exclude each other");
    options.appUpstreams = parseUpstreams(values["app-upstream"]);
  }

  const backend = process.env.SENDFILE_BACKEND || "node";
  if (backend !== server) {
    console.error(
      `# Warning: SENDFILE_BACKEND is "${backend}"; the app must run with SENDFILE_BACKEND=${server} behind ` +
        "this config.",
    );
  }
  process.stdout.write(renderConfig(server, options));
}

try {
  main();
} catch (error) {
  if (!(error instanceof RenderError)) throw error;
  console.error(`deploy:render: ${error.message}`);
  process.exit(1);
}
