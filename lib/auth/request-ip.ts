import "server-only";
import { headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { clientIp } from "@/lib/http/client-ip";

/** The client's IP inside a server action or page. */
export async function requestIp(): Promise<string | null> {
  return clientIp(await headers(), getConfig().trustedProxies);
}
