// Types for deploy/render.mjs (plain Node ESM, so operators run it without a build step).
export type ServerName = "nginx" | "apache" | "lighttpd" | "caddy";

export const SERVERS: readonly ServerName[];

export class RenderError extends Error {}

export interface RenderOptions {
  listen: string;
  app: string;
  /** nginx: several app instances, "host:port" each; null (or one) = `app` alone, rendered as before. */
  appUpstreams: string[] | null;
  serverName: string;
  protectedRoot: string;
  mediaRoot: string;
  staticDir: string;
  sendfileUrl: string;
  maxUpload: string;
  adminDigestFile: string | null;
  digestRealm: string;
  https: boolean;
  /** PEM certificate and key: the server listens with TLS and sends Strict-Transport-Security. */
  tlsCert: string | null;
  tlsKey: string | null;
  /** Access log file (logged without query strings); null = the server's usual place. */
  accessLog: string | null;
  caddyAdmin: string;
  user: string;
  pidFile: string;
  errorLog: string;
  uploadDir: string;
}

export function defaultOptions(projectRoot: string, env?: Record<string, string | undefined>): RenderOptions;
export function parseUpstreams(text: string | undefined): string[] | null;
export function renderConfig(server: ServerName, options: RenderOptions): string;
export function fillTemplate(template: string, variables: Record<string, string | number | boolean>): string;
