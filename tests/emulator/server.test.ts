import { spawn } from "node:child_process";
import path from "node:path";
import type Stripe from "stripe";
import { afterAll, expect, it } from "vitest";
import { freePort } from "../helpers/free-port";
import { PROJECT_ROOT } from "../helpers/test-env";
import { bookSession, control, sdkFor, startReceiver, waitFor } from "./helpers";

const stops: Array<() => unknown> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

it("runs as `node scripts/stripe-emulator/server.mjs` configured by the environment", async () => {
  const receiver = await startReceiver();
  stops.push(receiver.stop);
  const port = await freePort();
  const secret = "whsec_emulator_server_test";
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "scripts/stripe-emulator/server.mjs")], {
    env: {
      ...process.env,
      STRIPE_EMULATOR_PORT: String(port),
      STRIPE_WEBHOOK_URL: receiver.url,
      STRIPE_WEBHOOK_SECRET: secret,
      STRIPE_EMULATOR_PUBLIC_URL: "http://localhost:9999/stripe",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  stops.push(async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  });
  await waitFor(() => output.includes("listening on"), 5_000).catch(() => {
    throw new Error(`emulator did not start:\n${output}`);
  });
  const url = `http://127.0.0.1:${port}`;
  expect((await control(url, "/health")).body).toMatchObject({
    ok: true,
    webhook_url: receiver.url,
    public_url: "http://localhost:9999/stripe",
  });

  const stripe = sdkFor(url);
  const session = await bookSession(stripe);
  expect(session.url).toBe(`http://localhost:9999/stripe/pay/${session.id}`);
  await control(url, `/sessions/${session.id}/pay`, { outcome: "paid", email: "cli@example.com" });
  const hook = await waitFor(() => receiver.received.find((h) => h.event.type === "checkout.session.completed"));
  const event = stripe.webhooks.constructEvent(hook.body, hook.signature, secret);
  expect((event.data.object as Stripe.Checkout.Session).id).toBe(session.id);

  child.kill("SIGTERM");
  expect(await exited).toBe(0);
});
