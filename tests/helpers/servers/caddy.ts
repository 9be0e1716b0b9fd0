import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runServer, type RunningServer } from "./process";

/** Caddy from the rendered Caddyfile; its data and autosaved config go under `dir`, not /root. */
export async function startCaddy(dir: string, port: number, caddyfile: string): Promise<RunningServer> {
  const configPath = path.join(dir, "Caddyfile");
  writeFileSync(configPath, caddyfile);
  const home = path.join(dir, "home");
  mkdirSync(home, { recursive: true });
  const env = { HOME: home, XDG_DATA_HOME: path.join(home, "data"), XDG_CONFIG_HOME: path.join(home, "config") };
  return runServer("caddy", ["run", "--config", configPath, "--adapter", "caddyfile"], port, { env });
}
