import { StripeApiError } from "./errors.mjs";
import { expand } from "./expand.mjs";
import { parseForm } from "./form-body.mjs";
import { readBody, sendJson } from "./http.mjs";
import { newId } from "./ids.mjs";
import { newestFirst, paginate } from "./lists.mjs";
import { createRefund } from "./payments.mjs";
import { expandList, onlyKnown, oneOf, string } from "./params.mjs";
import { createRouter } from "./router.mjs";
import { createSession, expireSession, getSession, sessionItems } from "./sessions.mjs";

const NO_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth " +
  "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, " +
  "or we can help at https://support.stripe.com/.";

function apiKeyOf(request) {
  const header = request.headers.authorization ?? "";
  if (/^Bearer /i.test(header)) return header.slice(7).trim();
  // curl -u sk_test_…: is Basic auth with the key as user name, which Stripe accepts too.
  if (/^Basic /i.test(header)) return Buffer.from(header.slice(6).trim(), "base64").toString("utf8").split(":")[0];
  return "";
}

const redact = (key) =>
  key.length > 12 ? `${key.slice(0, 8)}${"*".repeat(Math.max(4, key.length - 12))}${key.slice(-4)}` : key;

function authenticate(request) {
  const key = apiKeyOf(request);
  if (!key) throw new StripeApiError(401, { message: NO_KEY });
  if (!/^sk_test_\w+$/.test(key)) {
    const hint =
      key.startsWith("sk_live_") || key.startsWith("rk_")
        ? " (the Stripe emulator only accepts test mode secret keys, sk_test_…)"
        : "";
    throw new StripeApiError(401, {
      message: `Invalid API Key provided: ${redact(key)}${hint}`,
      code: "api_key_invalid",
    });
  }
  return key;
}

/** The `/v1` API: Stripe's auth, form parameters, idempotency keys, errors and headers. */
export function createApi(context) {
  const router = createRouter();
  const { store } = context;
  const render = (object, params) => expand(object, expandList(params), context);
  const retrieve =
    (map, name, param) =>
    ({ params, path }) => {
      onlyKnown(params, ["expand"]);
      return render(store.get(map, name, path.id, param), params);
    };
  const listOf = (objects, params, url, filters = []) => {
    onlyKnown(params, ["limit", "starting_after", "ending_before", "expand", ...filters]);
    return render(paginate(objects, params, url), params);
  };

  router.route("POST", "/v1/checkout/sessions", ({ params }) => render(createSession(context, params), params));
  router.route("GET", "/v1/checkout/sessions", ({ params }) => {
    const intent = string(params.payment_intent, "payment_intent");
    const status = oneOf(params.status, "status", ["open", "complete", "expired"]);
    const sessions = newestFirst(store.sessions.values())
      .map((s) => getSession(context, s.id))
      .filter((s) => (!intent || s.payment_intent === intent) && (!status || s.status === status));
    return listOf(sessions, params, "/v1/checkout/sessions", ["payment_intent", "status"]);
  });
  router.route("GET", "/v1/checkout/sessions/:id", ({ params, path }) => {
    onlyKnown(params, ["expand"]);
    return render(getSession(context, path.id), params);
  });
  router.route("POST", "/v1/checkout/sessions/:id/expire", ({ params, path }) => {
    onlyKnown(params, ["expand"]);
    return render(expireSession(context, path.id), params);
  });
  router.route("GET", "/v1/checkout/sessions/:id/line_items", ({ params, path }) => {
    const session = getSession(context, path.id);
    return listOf(sessionItems(context, session.id), params, `/v1/checkout/sessions/${session.id}/line_items`);
  });
  router.route("GET", "/v1/payment_intents/:id", retrieve(store.paymentIntents, "payment_intent", "intent"));
  router.route("GET", "/v1/charges/:id", retrieve(store.charges, "charge", "id"));
  router.route("POST", "/v1/refunds", ({ params, request }) => render(createRefund(context, params, request), params));
  router.route("GET", "/v1/refunds/:id", retrieve(store.refunds, "refund", "id"));
  router.route("GET", "/v1/refunds", ({ params }) => {
    const charge = string(params.charge, "charge");
    const intent = string(params.payment_intent, "payment_intent");
    const refunds = newestFirst(store.refunds.values()).filter(
      (r) => (!charge || r.charge === charge) && (!intent || r.payment_intent === intent),
    );
    return listOf(refunds, params, "/v1/refunds", ["charge", "payment_intent"]);
  });
  router.route("GET", "/v1/disputes/:id", retrieve(store.disputes, "dispute", "dispute"));
  router.route("GET", "/v1/products/:id", retrieve(store.products, "product", "id"));
  router.route("GET", "/v1/prices/:id", retrieve(store.prices, "price", "price"));
  router.route("GET", "/v1/events/:id", retrieve(store.events, "event", "id"));
  router.route("GET", "/v1/events", ({ params }) => {
    const type = string(params.type, "type");
    const matches = (t) => !type || (type.endsWith(".*") ? t.startsWith(type.slice(0, -1)) : t === type);
    return listOf(
      newestFirst(store.events.values()).filter((e) => matches(e.type)),
      params,
      "/v1/events",
      ["type"],
    );
  });

  return async function handleApi(request, response, url) {
    const requestId = newId("req_");
    const version = request.headers["stripe-version"];
    if (version) context.seenApiVersion = version;
    const headers = { "Request-Id": requestId, "Stripe-Version": context.apiVersion() };
    const idempotencyKey = request.method === "POST" ? request.headers["idempotency-key"] : undefined;
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    try {
      const apiKey = authenticate(request);
      const match = router.match(request.method, url.pathname);
      if (!match?.handler) {
        throw new StripeApiError(404, {
          message:
            `Unrecognized request URL (${request.method}: ${url.pathname}). ` +
            "Please see https://stripe.com/docs or we can help at https://support.stripe.com/.",
        });
      }
      const body =
        request.method === "GET" || request.method === "DELETE" ? url.search.slice(1) : await readBody(request);

      // Stripe replays the first result for a repeated Idempotency-Key with the same parameters.
      const cacheKey = idempotencyKey && `${apiKey}\n${idempotencyKey}`;
      const fingerprint = `${request.method} ${url.pathname}\n${body}`;
      const cached = cacheKey && store.idempotency.get(cacheKey);
      if (cached) {
        if (cached.fingerprint !== fingerprint) {
          throw new StripeApiError(400, {
            type: "idempotency_error",
            message:
              "Keys for idempotent requests can only be used with the same parameters they were first used " +
              `with. Try using a key other than '${idempotencyKey}' if you meant to execute a different ` +
              "request.",
          });
        }
        return sendJson(response, cached.status, cached.body, {
          ...headers,
          "Idempotent-Replayed": "true",
          "Original-Request": cached.requestId,
        });
      }

      const result = await match.handler({
        params: parseForm(body),
        path: match.params,
        request: { id: requestId, idempotencyKey: idempotencyKey ?? null },
      });
      if (cacheKey) store.idempotency.set(cacheKey, { fingerprint, status: 200, body: result, requestId });
      sendJson(response, 200, result, headers);
    } catch (error) {
      if (!(error instanceof StripeApiError)) {
        context.log(`internal error on ${request.method} ${url.pathname}: ${error?.stack ?? error}`);
        error = new StripeApiError(500, {
          type: "api_error",
          message: `The Stripe emulator failed: ${error?.message ?? error}`,
        });
      }
      if (error.status === 401) headers["WWW-Authenticate"] = 'Basic realm="Stripe"';
      // An emulator bug will not go away on retry; stripe-node retries 5xx unless told not to.
      if (error.status >= 500) headers["Stripe-Should-Retry"] = "false";
      sendJson(response, error.status, error.toJSON(), headers);
    }
  };
}
