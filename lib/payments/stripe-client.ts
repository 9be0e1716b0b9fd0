import "server-only";
import Stripe from "stripe";
import { getConfig } from "@/lib/config";

let client: Stripe | undefined;

/**
 * The one Stripe SDK client. With STRIPE_API_URL it talks to a Stripe-compatible server (the local
 * emulator in the demo and tests); without it, to Stripe. The app code is the same either way.
 */
export function stripe(): Stripe {
  if (client) return client;
  const { secretKey, apiUrl } = getConfig().stripe;
  if (!secretKey) throw new Error("STRIPE_SECRET_KEY is not set: payments are unavailable");
  const target = apiUrl ? new URL(apiUrl) : null;
  client = new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(target && {
      host: target.hostname,
      port: target.port || (target.protocol === "https:" ? 443 : 80),
      protocol: target.protocol === "https:" ? "https" : "http",
    }),
  });
  return client;
}
