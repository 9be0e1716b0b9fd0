import "server-only";
import { parseConfig, type AppConfig } from "./load";

export { ConfigError, type AppConfig } from "./load";

let cached: AppConfig | undefined;

/** The validated configuration, read once per process. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
