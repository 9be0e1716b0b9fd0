import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultOptions, renderConfig, type RenderOptions, type ServerName } from "../../../deploy/render.mjs";
import { freePort } from "../free-port";
import { PROJECT_ROOT } from "../test-env";
import { startApache } from "./apache";
import { startCaddy } from "./caddy";
import { startLighttpd } from "./lighttpd";
import { startNginx } from "./nginx";
import { IS_ROOT, WEB_USER, workerWritableDir, workerWritableFile, type RunningServer } from "./process";

export type { ServerName } from "../../../deploy/render.mjs";
export const SERVER_NAMES: readonly ServerName[] = ["nginx", "apache", "lighttpd", "caddy"];

export interface WebServerSetup {
  server: ServerName;
  /** The store's environment: PROTECTED_ROOT, MEDIA_ROOT, SENDFILE_URL are read from it. */
  env: Record<string, string>;
  /** A fresh directory for this server's config, pid, logs and temp files. */
  dir: string;
  /** The Node server behind it, host:port. */
  app: string;
  port?: number;
  options?: Partial<RenderOptions>;
  /** Edits the rendered config: deliberately broken variants for deploy:check. */
  mutate?: (config: string) => string;
}

export interface RunningWebServer extends RunningServer {
  config: string;
  /** The access log the rendered config writes. */
  accessLog: string;
}

/** Renders the operator's template from deploy/ for 127.0.0.1:<port> and starts that server on it. */
export async function startWebServer(setup: WebServerSetup): Promise<RunningWebServer> {
  const port = setup.port ?? (await freePort());
  const { dir } = setup;
  mkdirSync(dir, { recursive: true });
  const options: RenderOptions = {
    ...defaultOptions(PROJECT_ROOT, setup.env),
    listen: `127.0.0.1:${port}`,
    app: setup.app,
    serverName: "_",
    caddyAdmin: "off",
    user: IS_ROOT ? WEB_USER : os.userInfo().username,
    pidFile: path.join(dir, "lighttpd.pid"),
    errorLog: path.join(dir, "error.log"),
    uploadDir: workerWritableDir(path.join(dir, "uploads")),
    accessLog: workerWritableFile(path.join(dir, "access.log")),
    ...setup.options,
  };
  const rendered = renderConfig(setup.server, options);
  const config = setup.mutate ? setup.mutate(rendered) : rendered;
  const running = await start(setup.server, dir, port, config, options.errorLog);
  return { ...running, config, accessLog: options.accessLog ?? "" };
}

function start(
  server: ServerName,
  dir: string,
  port: number,
  config: string,
  errorLog: string,
): Promise<RunningServer> {
  switch (server) {
    case "nginx":
      return startNginx(dir, port, config);
    case "apache":
      return startApache(dir, port, config);
    case "lighttpd":
      return startLighttpd(dir, port, config, errorLog);
    case "caddy":
      return startCaddy(dir, port, config);
  }
}
