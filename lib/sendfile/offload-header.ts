import { apacheBackend } from "./backends/apache";
import { caddyBackend } from "./backends/caddy";
import { lighttpdBackend } from "./backends/lighttpd";
import { nginxBackend } from "./backends/nginx";
import type { OffloadBackend, SendfileBackendName } from "./types";

const OFFLOAD_BACKENDS: Record<Exclude<SendfileBackendName, "node">, OffloadBackend> = {
  nginx: nginxBackend,
  apache: apacheBackend,
  lighttpd: lighttpdBackend,
  caddy: caddyBackend,
};

// No server reads control characters in these headers the same way (Node refuses them outright),
// so such names are always streamed by the app.
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

export function offloadBackendFor(backend: SendfileBackendName): OffloadBackend | null {
  return backend === "node" ? null : (OFFLOAD_BACKENDS[backend] ?? null);
}

/** The backend's header value, or null when the app must stream the file itself. */
export function offloadHeaderValue(
  backend: SendfileBackendName,
  absolutePath: string,
  storageKey: string,
  internalPrefix: string,
): string | null {
  const offload = offloadBackendFor(backend);
  if (offload === null) return null;
  if (CONTROL_CHARACTER.test(storageKey) || CONTROL_CHARACTER.test(absolutePath)) return null;
  return offload.headerValue({ absolutePath, storageKey, internalPrefix });
}
