// Renders deploy/<server>/ templates. Used by `npm run deploy:render` and by the integration tests,
// so CI runs exactly the configuration an operator installs.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import DEPLOY_DIR from "./templates-dir.cjs";

export const SERVERS = ["nginx", "apache", "lighttpd", "caddy"];

const TEMPLATES = {
  nginx: "nginx/bindery.conf.template",
  apache: "apache/bindery.conf.template",
  lighttpd: "lighttpd/lighttpd.conf.template",
  caddy: "caddy/Caddyfile.template",
};

export class RenderError extends Error {
  name = "RenderError";
}

// Paths and names land unquoted or inside quotes in four config languages; anything outside this
// set ($ in nginx, {} in Caddy, quotes, spaces, newlines) could change the meaning of the config.
const SAFE_PATH = /^\/[A-Za-z0-9._\/@+-]*$/;
const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;
const SERVER_NAME = /^(?:_|[A-Za-z0-9*](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)$/;
const SIZE = /^(\d+)([kmg]?)b?$/i;
const SECTION = /\{\{([#^])(\w+)\}\}\n?([\s\S]*?)\{\{\/\2\}\}\n?/g;

/**
 * Options for one rendering. Paths must be absolute. `listen` is "8080" (all interfaces) or
 * "127.0.0.1:8080"; `app` is the Node server's "host:port".
 * @typedef {object} RenderOptions
 * @property {string} listen
 * @property {string} app
 * @property {string[] | null} appUpstreams  nginx: several app instances ("host:port" each); null = `app` alone
 * @property {string} serverName  "_" = any host name
 * @property {string} protectedRoot
 * @property {string} mediaRoot
 * @property {string} staticDir  the build's static assets, served at /_next/static/
 * @property {string} sendfileUrl  internal URI prefix, "/_protected/"
 * @property {string} maxUpload  e.g. "512m"
 * @property {string | null} adminDigestFile  Apache: htdigest file for a second lock on /admin
 * @property {string} digestRealm
 * @property {boolean} https  Caddy: obtain certificates for serverName automatically
 * @property {string | null} tlsCert  PEM certificate (chain): listen with TLS and send HSTS
 * @property {string | null} tlsKey  its private key
 * @property {string | null} accessLog  access log file; null = the server's usual place under /var/log
 * @property {string} caddyAdmin  Caddy admin endpoint address, or "off"
 * @property {string} user  lighttpd: account the workers run as
 * @property {string} pidFile  lighttpd
 * @property {string} errorLog  lighttpd
 * @property {string} uploadDir  lighttpd: spool for request bodies
 */

/** Defaults for a Debian host, overridden by the environment, then by flags. */
export function defaultOptions(projectRoot, env = process.env) {
  const standaloneStatic = path.join(projectRoot, ".next/standalone/.next/static");
  return {
    listen: "80",
    app: `${env.HOSTNAME || "127.0.0.1"}:${env.PORT || "3000"}`,
    appUpstreams: parseUpstreams(env.APP_UPSTREAMS),
    serverName: serverNameFrom(env.APP_URL),
    protectedRoot: path.resolve(projectRoot, env.PROTECTED_ROOT || "./storage/protected"),
    mediaRoot: path.resolve(projectRoot, env.MEDIA_ROOT || "./storage/media"),
    staticDir: existsSync(standaloneStatic) ? standaloneStatic : path.join(projectRoot, ".next/static"),
    sendfileUrl: env.SENDFILE_URL || "/_protected/",
    // A little above the app's own limit, so an oversize upload gets the app's clear 413 message.
    maxUpload: `${(Number(env.MAX_UPLOAD_MB) || 1024) + 1}m`,
    adminDigestFile: null,
    digestRealm: "Bindery admin",
    https: false,
    tlsCert: null,
    tlsKey: null,
    accessLog: null,
    caddyAdmin: "localhost:2019",
    user: "www-data",
    pidFile: "/run/lighttpd.pid",
    errorLog: "/var/log/lighttpd/error.log",
    uploadDir: "/var/cache/lighttpd/uploads",
  };
}

/** "127.0.0.1:3001,127.0.0.1:3002" (commas and/or spaces) → a list; empty or absent → null. */
export function parseUpstreams(text) {
  const list = String(text ?? "")
    .split(/[\s,]+/)
    .filter(Boolean);
  return list.length > 0 ? list : null;
}

function serverNameFrom(appUrl) {
  if (!appUrl) return "_";
  try {
    const host = new URL(appUrl).hostname;
    // The demo's http://localhost:3000 says nothing about the public name: answer any host.
    const loopback = host === "localhost" || host.startsWith("127.") || host === "[::1]";
    return SERVER_NAME.test(host) && !loopback ? host : "_";
  } catch {
    return "_";
  }
}

/** The configuration text for one server. */
export function renderConfig(server, options) {
  const file = TEMPLATES[server];
  if (!file) throw new RenderError(`unknown server "${server}" (one of: ${SERVERS.join(", ")})`);
  const template = readFileSync(path.join(DEPLOY_DIR, file), "utf8");
  return fillTemplate(template, templateVariables(server, options));
}

/** `{{NAME}}` is replaced; `{{#NAME}}…{{/NAME}}` is kept when NAME is truthy, `{{^NAME}}…{{/NAME}}` when falsy. */
export function fillTemplate(template, variables) {
  let withSections = template;
  // Sections may nest (different names only); each pass resolves the outermost ones.
  for (let previous = ""; previous !== withSections;) {
    previous = withSections;
    withSections = withSections.replace(SECTION, (_, kind, name, body) => {
      if (!(name in variables)) throw new RenderError(`template section {{${kind}${name}}} has no variable`);
      return Boolean(variables[name]) === (kind === "#") ? body : "";
    });
  }
  return withSections.replace(/\{\{(\w+)\}\}/g, (_, name) => {
    if (!(name in variables)) throw new RenderError(`template variable {{${name}}} has no value`);
    return String(variables[name]);
  });
}

const DEFAULT_ACCESS_LOG = {
  nginx: "/var/log/nginx/access.log",
  apache: "/var/log/apache2/access.log",
  lighttpd: "/var/log/lighttpd/access.log",
  caddy: "/var/log/caddy/access.log",
};

// Every body but an upload's is small (a form, a Stripe event): the app refuses more than 1 MiB as
// well (lib/http/body-limit.ts), the server refuses it first, before it is read.
const MAX_BODY_BYTES = 1024 * 1024;

// The two admin upload routes (app/api/admin/books/[bookId]/files and /cover): the only bodies that
// may be large. Book ids are cuids; the character class keeps a path segment a single segment.
const UPLOAD_ROUTE = "^/api/admin/books/[A-Za-z0-9_-]+/(files|cover|sample)$";

const HSTS = "max-age=31536000; includeSubDomains";

function templateVariables(server, o) {
  for (const key of ["protectedRoot", "mediaRoot", "staticDir", "pidFile", "errorLog", "uploadDir"]) {
    if (!SAFE_PATH.test(o[key]) || o[key].split("/").includes("..")) {
      throw new RenderError(
        `${key} must be an absolute path of letters, digits and . _ / @ + - (got ${JSON.stringify(o[key])})`,
      );
    }
  }
  for (const key of ["tlsCert", "tlsKey", "accessLog"]) {
    if (o[key] !== null && o[key] !== undefined && (!SAFE_PATH.test(o[key]) || o[key].split("/").includes(".."))) {
      throw new RenderError(
        `${key} must be an absolute path of letters, digits and . _ / @ + - (got ${JSON.stringify(o[key])})`,
      );
    }
  }
  const tls = Boolean(o.tlsCert) || Boolean(o.tlsKey);
  if (tls && !(o.tlsCert && o.tlsKey)) throw new RenderError("--tls-cert and --tls-key go together");
  if (tls && o.https)
    throw new RenderError("--https (Caddy's automatic certificates) and --tls-cert/--tls-key exclude each other");
  if (o.adminDigestFile !== null && !SAFE_PATH.test(o.adminDigestFile)) {
    throw new RenderError(`the htdigest file must be an absolute path (got ${JSON.stringify(o.adminDigestFile)})`);
  }
  if (!/^\/[A-Za-z0-9._~\-/]*\/$/.test(o.sendfileUrl) || o.sendfileUrl.includes("..") || o.sendfileUrl === "/") {
    throw new RenderError(
      `SENDFILE_URL must start and end with "/" and name a folder, e.g. /_protected/ (got ` +
        `${JSON.stringify(o.sendfileUrl)})`,
    );
  }
  if (!HOST_PORT.test(o.app))
    throw new RenderError(`--app must be host:port, e.g. 127.0.0.1:3000 (got ${JSON.stringify(o.app)})`);
  const upstreams = appUpstreamsFor(server, o);
  const app = upstreams[0] ?? o.app;
  if (!SERVER_NAME.test(o.serverName))
    throw new RenderError(`--server-name is not a host name (got ${JSON.stringify(o.serverName)})`);
  if (!/^[A-Za-z0-9.:-]+$/.test(o.caddyAdmin)) throw new RenderError(`--caddy-admin must be host:port or off`);
  if (!/^[a-z_][a-z0-9_-]*$/.test(o.user)) throw new RenderError(`--user is not an account name`);
  if (!/^[\w ]+$/.test(o.digestRealm)) throw new RenderError(`--digest-realm: letters, digits and spaces only`);

  const listen = parseListen(o.listen);
  const uploadBytes = parseSize(o.maxUpload);
  const [appHost, appPort] = splitHostPort(app);
  return {
    LISTEN: listen.host ? `${listen.host}:${listen.port}` : String(listen.port),
    LISTEN_HOST: listen.host,
    LISTEN_PORT: listen.port,
    APACHE_VHOST: `${listen.host || "*"}:${listen.port}`,
    APP: app,
    // One instance renders exactly what --app does; two or more add failover (deploy/nginx/README.md).
    MULTI: upstreams.length > 1,
    UPSTREAM_SERVERS: upstreams.map((address) => `    server ${address} max_fails=1 fail_timeout=10s;`).join("\n"),
    APP_HOST: appHost.replace(/^\[|\]$/g, ""),
    APP_PORT: appPort,
    SERVER_NAME: o.serverName,
    ANY_SERVER_NAME: o.serverName === "_",
    PROTECTED_ROOT: o.protectedRoot.replace(/\/+$/, ""),
    MEDIA_ROOT: o.mediaRoot.replace(/\/+$/, ""),
    STATIC_DIR: o.staticDir.replace(/\/+$/, ""),
    SENDFILE_URL: o.sendfileUrl,
    SENDFILE_URL_NO_SLASH: o.sendfileUrl.replace(/\/$/, ""),
    MAX_UPLOAD_BYTES: uploadBytes,
    MAX_UPLOAD_KBYTES: Math.ceil(uploadBytes / 1024),
    MAX_BODY_BYTES,
    MAX_BODY_KBYTES: MAX_BODY_BYTES / 1024,
    UPLOAD_ROUTE,
    TLS: tls,
    TLS_CERT: o.tlsCert ?? "",
    TLS_KEY: o.tlsKey ?? "",
    // HSTS only where the answer itself came over HTTPS; sent over plain HTTP it would be ignored.
    HSTS: tls || (server === "caddy" && o.https),
    HSTS_VALUE: HSTS,
    SCHEME: tls ? "https" : "http",
    ACCESS_LOG: o.accessLog ?? DEFAULT_ACCESS_LOG[server],
    ADMIN_DIGEST: o.adminDigestFile !== null,
    ADMIN_DIGEST_FILE: o.adminDigestFile ?? "",
    DIGEST_REALM: o.digestRealm,
    HTTPS: o.https,
    CADDY_ADMIN: o.caddyAdmin,
    USER: o.user,
    PID_FILE: o.pidFile,
    ERROR_LOG: o.errorLog,
    UPLOAD_DIR: o.uploadDir,
  };
}

function appUpstreamsFor(server, o) {
  const list = o.appUpstreams ?? [];
  for (const address of list) {
    if (!HOST_PORT.test(address)) {
      throw new RenderError(
        `--app-upstream: each instance is host:port, e.g. 127.0.0.1:3001 (got ${JSON.stringify(address)})`,
      );
    }
  }
  if (new Set(list).size !== list.length) throw new RenderError(`--app-upstream names an instance twice`);
  if (list.length > 1 && server !== "nginx") {
    throw new RenderError(`--app-upstream with several instances is rendered for nginx only (README, "Scaling out")`);
  }
  return list;
}

function parseListen(listen) {
  const text = String(listen);
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[0-9.]+|localhost):)?(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) {
    throw new RenderError(
      `--listen must be a port or ip:port, e.g. 80 or 127.0.0.1:8080 (got ${JSON.stringify(text)})`,
    );
  }
  return { host: match[1] ?? "", port };
}

function splitHostPort(hostPort) {
  const index = hostPort.lastIndexOf(":");
  return [hostPort.slice(0, index), Number(hostPort.slice(index + 1))];
}

function parseSize(size) {
  const match = SIZE.exec(String(size).trim());
  if (!match) throw new RenderError(`--max-upload must be a size such as 512m or 2g (got ${JSON.stringify(size)})`);
  const factor = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase()];
  return Number(match[1]) * factor;
}
