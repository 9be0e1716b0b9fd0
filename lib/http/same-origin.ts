import { getConfig } from "@/lib/config";

/**
 * State-changing route handlers accept only same-origin requests: the Origin header (sent by every
 * browser on POST) must be the app's own. A missing or "null" Origin is refused.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  return origin === new URL(getConfig().appUrl).origin || origin === new URL(request.url).origin;
}
