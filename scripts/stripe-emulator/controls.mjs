import { StripeApiError, invalidRequest } from "./errors.mjs";
import { parseLooseBody } from "./form-body.mjs";
import { readBody, sendJson } from "./http.mjs";
import { closeDispute, createDispute, updateDispute } from "./payments.mjs";
import { createRouter } from "./router.mjs";
import { completeCheckout, expireSession } from "./sessions.mjs";

/** Test controls under `/_emulator/…`: not part of Stripe's API, never needed by the app itself. */
export function createControls(context) {
  const router = createRouter();
  const { dispatcher, store } = context;

  router.route("GET", "/_emulator/health", () => ({
    ok: true,
    webhook_url: dispatcher.url ?? null,
    public_url: context.publicUrl,
    counts: { sessions: store.sessions.size, events: store.events.size, held_deliveries: dispatcher.held.length },
  }));
  router.route("GET", "/_emulator/events", ({ query }) => {
    const type = query.get("type");
    return { object: "list", data: dispatcher.list().filter((e) => !type || e.type === type) };
  });
  router.route("GET", "/_emulator/idle", async () => {
    await dispatcher.idle();
    return { idle: true };
  });
  router.route("POST", "/_emulator/events/:id/resend", ({ path }) => {
    const delivery = dispatcher.resend(path.id);
    if (!delivery)
      throw new StripeApiError(404, { message: `No such event: '${path.id}'`, code: "resource_missing", param: "id" });
    return { resent: path.id, delivery: delivery.id };
  });
  router.route("GET", "/_emulator/deliveries", () => dispatcher.options);
  router.route("POST", "/_emulator/deliveries", ({ body }) => dispatcher.configure(body));
  router.route("POST", "/_emulator/hold", () => {
    dispatcher.options = { ...dispatcher.options, hold: true };
    return dispatcher.options;
  });
  router.route("POST", "/_emulator/release", ({ body, query }) => {
    const order = query.get("order") ?? body.order ?? dispatcher.options.releaseOrder;
    if (!["fifo", "reverse"].includes(order)) throw invalidRequest("order must be fifo or reverse", { param: "order" });
    return { released: dispatcher.release(order), order };
  });
  router.route("POST", "/_emulator/webhook", ({ body }) => {
    if (body.url !== undefined) dispatcher.url = body.url || undefined;
    if (body.secret !== undefined) dispatcher.secret = body.secret || undefined;
    return { url: dispatcher.url ?? null, secret_set: Boolean(dispatcher.secret) };
  });
  router.route("POST", "/_emulator/sessions/:id/pay", ({ body, path }) => {
    const { session, redirect } = completeCheckout(context, path.id, {
      outcome: body.outcome ?? "paid",
      email: body.email,
    });
    return { session, redirect: redirect ?? null };
  });
  router.route("POST", "/_emulator/sessions/:id/expire", ({ path }) => expireSession(context, path.id));
  router.route("POST", "/_emulator/disputes", ({ body }) => createDispute(context, body));
  router.route("POST", "/_emulator/disputes/:id/close", ({ body, path }) =>
    closeDispute(context, path.id, body.status),
  );
  router.route("POST", "/_emulator/disputes/:id/status", ({ body, path }) =>
    updateDispute(context, path.id, body.status),
  );

  return async function handleControls(request, response, url) {
    try {
      const match = router.match(request.method, url.pathname);
      if (!match?.handler)
        throw new StripeApiError(404, { message: `No emulator control ${request.method} ${url.pathname}` });
      const body =
        request.method === "POST" ? parseLooseBody(await readBody(request), request.headers["content-type"]) : {};
      sendJson(response, 200, await match.handler({ body, query: url.searchParams, path: match.params }));
    } catch (error) {
      if (error instanceof RangeError) error = invalidRequest(error.message);
      if (!(error instanceof StripeApiError)) throw error;
      sendJson(response, error.status, error.toJSON());
    }
  };
}
