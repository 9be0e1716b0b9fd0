#!/usr/bin/env node
// `node scripts/stripe-emulator/server.mjs`: the Stripe emulator for the demo and tests (see README.md).
import { randomBytes } from "node:crypto";
import { startEmulator } from "./emulator.mjs";

const env = process.env;
const port = Number(env.STRIPE_EMULATOR_PORT || 12111);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`STRIPE_EMULATOR_PORT must be a port number, got ${env.STRIPE_EMULATOR_PORT}`);
  process.exit(1);
}
let webhookSecret = env.STRIPE_WEBHOOK_SECRET;
if (!webhookSecret) {
  webhookSecret = `whsec_emulator_${randomBytes(16).toString("hex")}`;
  console.log(`STRIPE_WEBHOOK_SECRET not set; signing webhooks with ${webhookSecret}`);
}
const quiet = env.STRIPE_EMULATOR_QUIET === "1";

const emulator = await startEmulator({
  host: env.STRIPE_EMULATOR_HOST || "127.0.0.1",
  port,
  publicUrl: env.STRIPE_EMULATOR_PUBLIC_URL || undefined,
  webhookUrl: env.STRIPE_WEBHOOK_URL || undefined,
  webhookSecret,
  asyncDelayMs: env.STRIPE_EMULATOR_ASYNC_DELAY_MS ? Number(env.STRIPE_EMULATOR_ASYNC_DELAY_MS) : undefined,
  log: quiet ? () => {} : (line) => console.log(`[stripe-emulator] ${line}`),
}).catch((error) => {
  console.error(`Stripe emulator could not start: ${error.message}`);
  process.exit(1);
});

console.log(`Stripe emulator listening on ${emulator.url} (STRIPE_API_URL=${emulator.url})`);
console.log(`Hosted payment pages at ${emulator.publicUrl}/pay/<session id>`);
console.log(
  env.STRIPE_WEBHOOK_URL
    ? `Sending webhooks to ${env.STRIPE_WEBHOOK_URL}`
    : "STRIPE_WEBHOOK_URL not set: events are recorded, not sent",
);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await emulator.stop();
    process.exit(0);
  });
}
