import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export interface ReceivedWebhook {
  body: string;
  signature: string;
  headers: IncomingHttpHeaders;
  /** The parsed body (not verified: use `stripe.webhooks.constructEvent` for that). */
  event: { id: string; type: string; data: { object: any }; [key: string]: any };
}

/** A tiny webhook endpoint that records raw bodies; `respond` picks each answer's status. */
export async function startReceiver() {
  const received: ReceivedWebhook[] = [];
  let respond: (hook: ReceivedWebhook) => number = () => 200;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const hook = {
        body,
        signature: String(request.headers["stripe-signature"] ?? ""),
        headers: request.headers,
        event: JSON.parse(body),
      };
      received.push(hook);
      response.writeHead(respond(hook), { "Content-Type": "application/json" });
      response.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    types: () => received.map((hook) => hook.event.type),
    respondWith(fn: (hook: ReceivedWebhook) => number) {
      respond = fn;
    },
    clear() {
      received.length = 0;
      respond = () => 200;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Polls until `check` returns something truthy. */
export async function waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("waitFor: timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function sdkFor(emulatorUrl: string, key = "sk_test_emulator") {
  const { hostname, port } = new URL(emulatorUrl);
  return new Stripe(key, { host: hostname, port: Number(port), protocol: "http", maxNetworkRetries: 0 });
}

/** A two-book payment session like the store creates. */
export function bookSession(stripe: Stripe, overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  return stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: 1500,
          product_data: { name: "The Bindery Handbook", metadata: { bookId: "book_1" } },
        },
      },
      {
        quantity: 2,
        price_data: {
          currency: "usd",
          unit_amount: 800,
          product_data: { name: "Short Stories (PDF)", metadata: { bookId: "book_2" } },
        },
      },
    ],
    client_reference_id: "order_42",
    metadata: { orderId: "order_42" },
    success_url: "http://127.0.0.1:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://127.0.0.1:3000/cart",
    ...overrides,
  });
}

export async function control(emulatorUrl: string, path: string, body?: unknown) {
  const response = await fetch(`${emulatorUrl}/_emulator${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}
