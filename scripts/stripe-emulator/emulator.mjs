import { createServer } from "node:http";
import { createApi } from "./api.mjs";
import { createControls } from "./controls.mjs";
import { createHostedPage } from "./hosted-page.mjs";
import { sendJson } from "./http.mjs";
import { newestFirst, paginate } from "./lists.mjs";
import { sessionItems } from "./sessions.mjs";
import { createStore } from "./store.mjs";
import { WebhookDispatcher } from "./webhooks.mjs";

// The version stripe-node 23 pins. Events use the version the app's SDK sends once it has made a
// request (as a webhook endpoint created for that version would); this is only the fallback.
const DEFAULT_API_VERSION = "2026-10-28.endive";

/**
 * Starts the emulator. `port: 0` (the default) picks a free port.
 * Options: host, port, publicUrl, webhookUrl, webhookSecret, asyncDelayMs (2000; null = only the
 * control settles async payments), retryDelaysMs ([500, 1000, 2000]), webhookTimeoutMs, apiVersion, log.
 */
export async function startEmulator(options = {}) {
  const { host = "127.0.0.1", port = 0, log = () => {} } = options;
  const store = createStore();
  const dispatcher = new WebhookDispatcher({
    url: options.webhookUrl || undefined,
    secret: options.webhookSecret || undefined,
    retryDelaysMs: options.retryDelaysMs,
    timeoutMs: options.webhookTimeoutMs,
    log,
  });
  const context = {
    store,
    dispatcher,
    log,
    publicUrl: "",
    asyncDelayMs: options.asyncDelayMs === undefined ? 2000 : options.asyncDelayMs,
    asyncTimers: new Map(),
    intentData: new Map(),
    seenApiVersion: null,
    apiVersion: () => options.apiVersion ?? context.seenApiVersion ?? DEFAULT_API_VERSION,
    includable(object, field) {
      if (object.object === "checkout.session" && field === "line_items") {
        // Like Stripe, an expanded `line_items` holds the first 10; list the rest via /line_items.
        return paginate(sessionItems(context, object.id), {}, `/v1/checkout/sessions/${object.id}/line_items`);
      }
      if (object.object === "charge" && field === "refunds") {
        const refunds = newestFirst(store.refunds.values()).filter((r) => r.charge === object.id);
        return paginate(refunds, {}, `/v1/charges/${object.id}/refunds`);
      }
      return undefined;
    },
  };
  const api = createApi(context);
  const hostedPage = createHostedPage(context);
  const controls = createControls(context);

  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://emulator");
    response.on("finish", () => log(`${request.method} ${url.pathname} ${response.statusCode}`));
    try {
      if (url.pathname.startsWith("/v1/")) return await api(request, response, url);
      if (url.pathname.startsWith("/pay/")) return await hostedPage(request, response, url);
      if (url.pathname.startsWith("/_emulator/")) return await controls(request, response, url);
      if (url.pathname === "/")
        return sendJson(response, 200, { name: "Stripe emulator", api: "/v1", controls: "/_emulator/health" });
      sendJson(response, 404, {
        error: {
          type: "invalid_request_error",
          message: `Unrecognized request URL (${request.method}: ${url.pathname}).`,
        },
      });
    } catch (error) {
      log(`internal error on ${request.method} ${url.pathname}: ${error?.stack ?? error}`);
      if (!response.headersSent)
        sendJson(response, 500, { error: { type: "api_error", message: String(error?.message ?? error) } });
      else response.destroy();
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;
  context.publicUrl = (options.publicUrl || url).replace(/\/+$/, "");

  return {
    url,
    host,
    port: actualPort,
    publicUrl: context.publicUrl,
    store,
    /** Every event with its deliveries and attempts (as `GET /_emulator/events`). */
    events: () => dispatcher.list(),
    /** Resolves when no webhook is being sent or waiting for a retry. */
    idle: () => dispatcher.idle(),
    configureDeliveries: (deliveryOptions) => dispatcher.configure(deliveryOptions),
    setWebhook: ({ url: webhookUrl, secret }) => {
      if (webhookUrl !== undefined) dispatcher.url = webhookUrl || undefined;
      if (secret !== undefined) dispatcher.secret = secret || undefined;
    },
    async stop() {
      dispatcher.stop();
      for (const timer of context.asyncTimers.values()) clearTimeout(timer ?? undefined);
      context.asyncTimers.clear();
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
