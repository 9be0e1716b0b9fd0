import { invalidRequest, StripeApiError } from "./errors.mjs";
import { emitEvent } from "./events.mjs";
import { newId, nowSeconds } from "./ids.mjs";
import {
  cancelIntent,
  chargeCard,
  createPaymentIntent,
  declineCard,
  settleBankDebit,
  startBankDebit,
} from "./payments.mjs";
import { currency, email, hash, integer, list, metadata, onlyKnown, oneOf, string, url } from "./params.mjs";

const CREATE_PARAMS = [
  "mode",
  "line_items",
  "success_url",
  "cancel_url",
  "client_reference_id",
  "metadata",
  "customer_email",
  "expand",
  "expires_at",
  "payment_method_types",
  "locale",
  "payment_intent_data",
  "submit_type",
  "ui_mode",
];
// Stripe's minimum charge amounts for the common currencies, in minor units.
const MINIMUM = {
  usd: 50,
  eur: 50,
  gbp: 30,
  cad: 50,
  aud: 50,
  chf: 50,
  nzd: 50,
  sek: 300,
  nok: 300,
  dkk: 250,
  jpy: 50,
  mxn: 1000,
  brl: 50,
};
const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
]);

export function formatAmount(amount, code) {
  const value = ZERO_DECIMAL.has(code) ? amount : amount / 100;
  return new Intl.NumberFormat("en-US", { style: "currency", currency: code.toUpperCase() }).format(value);
}

/** `POST /v1/checkout/sessions` (payment mode, `price_data` or existing inline prices). */
export function createSession(context, params) {
  onlyKnown(params, CREATE_PARAMS);
  const mode = oneOf(params.mode, "mode", ["payment", "setup", "subscription"], { required: true });
  if (mode !== "payment")
    throw invalidRequest(`The Stripe emulator only supports mode=payment (got ${mode}).`, { param: "mode" });
  const uiMode =
    oneOf(params.ui_mode, "ui_mode", ["hosted_page", "embedded_page", "elements", "form"]) ?? "hosted_page";
  if (uiMode !== "hosted_page")
    throw invalidRequest(`The Stripe emulator only supports ui_mode=hosted_page (got ${uiMode}).`, {
      param: "ui_mode",
    });
  const rawItems = list(params.line_items, "line_items");
  if (!rawItems || rawItems.length === 0)
    throw invalidRequest("Missing required param: line_items.", { param: "line_items", code: "parameter_missing" });
  if (rawItems.length > 100)
    throw invalidRequest("You may only specify up to 100 line items.", { param: "line_items" });
  const successUrl = url(params.success_url, "success_url", { required: true });
  const cancelUrl = url(params.cancel_url, "cancel_url");
  const customerEmail = email(params.customer_email, "customer_email");
  const clientReferenceId = string(params.client_reference_id, "client_reference_id", { max: 200 });
  const meta = metadata(params.metadata);
  const created = nowSeconds();
  const expiresAt = integer(params.expires_at, "expires_at") ?? created + 86400;
  if (expiresAt < created + 1800)
    throw invalidRequest("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", {
      param: "expires_at",
    });
  if (expiresAt > created + 86400)
    throw invalidRequest("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", {
      param: "expires_at",
    });
  const methodTypes = list(params.payment_method_types, "payment_method_types") ?? ["card"];
  const intentData = hash(params.payment_intent_data, "payment_intent_data") ?? {};
  onlyKnown(intentData, ["metadata", "description"], "payment_intent_data");
  const submitType = oneOf(params.submit_type, "submit_type", ["auto", "book", "donate", "pay", "subscribe"]);

  const items = rawItems.map((raw, index) => lineItem(context, raw, `line_items[${index}]`, created));
  const sessionCurrency = items[0].currency;
  if (items.some((item) => item.currency !== sessionCurrency)) {
    throw invalidRequest("All line items must use the same currency.", { param: "line_items" });
  }
  const total = items.reduce((sum, item) => sum + item.amount_total, 0);
  const minimum = MINIMUM[sessionCurrency];
  if (minimum !== undefined && total < minimum) {
    throw invalidRequest(
      "The Checkout Session's total amount due must add up to at least " +
        `${formatAmount(minimum, sessionCurrency)} ${sessionCurrency}`,
      { param: "line_items" },
    );
  }

  const id = newId("cs_test_");
  const session = {
    id,
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: cancelUrl ?? null,
    client_reference_id: clientReferenceId ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: sessionCurrency,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: null,
    customer_creation: "if_required",
    customer_details: null,
    customer_email: customerEmail ?? null,
    discounts: [],
    expires_at: expiresAt,
    invoice: null,
    invoice_creation: {
      enabled: false,
      invoice_data: {
        account_tax_ids: null,
        custom_fields: null,
        description: null,
        footer: null,
        issuer: null,
        metadata: {},
        rendering_options: null,
      },
    },
    livemode: false,
    locale: string(params.locale, "locale") ?? null,
    metadata: meta,
    mode,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_options: {},
    payment_method_types: methodTypes,
    payment_status: "unpaid",
    phone_number_collection: { enabled: false },
    recovered_from: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: submitType ?? null,
    subscription: null,
    success_url: successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: uiMode,
    url: `${context.publicUrl}/pay/${id}`,
    wallet_options: null,
  };
  context.store.sessions.set(id, session);
  context.store.sessionItems.set(id, items);
  context.intentData.set(id, {
    metadata: metadata(intentData.metadata, "payment_intent_data[metadata]"),
    description: string(intentData.description, "payment_intent_data[description]") ?? null,
  });
  return session;
}

function lineItem(context, raw, param, created) {
  hash(raw, param);
  onlyKnown(raw, ["price_data", "price", "quantity", "metadata"], param);
  const quantity = integer(raw.quantity, `${param}[quantity]`, { required: true, min: 1 });
  if (raw.price !== undefined && raw.price_data !== undefined) {
    throw invalidRequest(`You may only specify one of these parameters: price, price_data.`, {
      param: `${param}[price]`,
    });
  }
  let price;
  if (raw.price !== undefined) {
    const priceId = string(raw.price, `${param}[price]`, { required: true });
    price = context.store.get(context.store.prices, "price", priceId, `${param}[price]`);
  } else if (raw.price_data !== undefined) {
    price = inlinePrice(context, hash(raw.price_data, `${param}[price_data]`), `${param}[price_data]`, created);
  } else {
    throw invalidRequest(`You must specify either \`price\` or \`price_data\` in \`${param}\`.`, {
      param: `${param}[price]`,
      code: "parameter_missing",
    });
  }
  const product = context.store.products.get(price.product);
  const subtotal =
    price.unit_amount !== null
      ? price.unit_amount * quantity
      : Math.round(Number(price.unit_amount_decimal) * quantity);
  return {
    id: newId("li_"),
    object: "item",
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: subtotal,
    amount_tax: 0,
    amount_total: subtotal,
    currency: price.currency,
    description: product?.name ?? null,
    metadata: metadata(raw.metadata, `${param}[metadata]`),
    price,
    quantity,
  };
}

function inlinePrice(context, data, param, created) {
  onlyKnown(
    data,
    ["currency", "product", "product_data", "unit_amount", "unit_amount_decimal", "tax_behavior", "recurring"],
    param,
  );
  if (data.recurring !== undefined) {
    throw invalidRequest(
      "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or " +
        "use only one-time prices.",
      { param: `${param}[recurring]` },
    );
  }
  const code = currency(data.currency, `${param}[currency]`);
  const unitAmount = integer(data.unit_amount, `${param}[unit_amount]`, { min: 0 });
  const decimal = string(data.unit_amount_decimal, `${param}[unit_amount_decimal]`);
  if (unitAmount === undefined && decimal === undefined)
    throw invalidRequest(`Missing required param: ${param}[unit_amount].`, {
      param: `${param}[unit_amount]`,
      code: "parameter_missing",
    });
  if (decimal !== undefined && !/^\d+(\.\d{1,12})?$/.test(decimal))
    throw invalidRequest(`Invalid decimal: ${decimal}`, { param: `${param}[unit_amount_decimal]` });
  const taxBehavior =
    oneOf(data.tax_behavior, `${param}[tax_behavior]`, ["exclusive", "inclusive", "unspecified"]) ?? "unspecified";

  let productId;
  if (data.product !== undefined && data.product_data !== undefined) {
    throw invalidRequest("You may only specify one of these parameters: product, product_data.", {
      param: `${param}[product]`,
    });
  }
  if (data.product !== undefined) {
    productId = context.store.get(
      context.store.products,
      "product",
      string(data.product, `${param}[product]`, { required: true }),
      `${param}[product]`,
    ).id;
  } else if (data.product_data !== undefined) {
    const productData = hash(data.product_data, `${param}[product_data]`);
    onlyKnown(
      productData,
      ["name", "description", "images", "metadata", "tax_code", "unit_label"],
      `${param}[product_data]`,
    );
    const product = {
      id: newId("prod_"),
      object: "product",
      active: false,
      created,
      default_price: null,
      description: string(productData.description, `${param}[product_data][description]`) ?? null,
      images: list(productData.images, `${param}[product_data][images]`) ?? [],
      livemode: false,
      marketing_features: [],
      metadata: metadata(productData.metadata, `${param}[product_data][metadata]`),
      name: string(productData.name, `${param}[product_data][name]`, { required: true, max: 250 }),
      package_dimensions: null,
      shippable: null,
      statement_descriptor: null,
      tax_code: string(productData.tax_code, `${param}[product_data][tax_code]`) ?? null,
      unit_label: string(productData.unit_label, `${param}[product_data][unit_label]`) ?? null,
      updated: created,
      url: null,
    };
    context.store.products.set(product.id, product);
    productId = product.id;
  } else {
    throw invalidRequest(`You must specify either \`product\` or \`product_data\` in \`${param}\`.`, {
      param: `${param}[product_data]`,
      code: "parameter_missing",
    });
  }

  const price = {
    id: newId("price_"),
    object: "price",
    active: false,
    billing_scheme: "per_unit",
    created,
    currency: code,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: productId,
    recurring: null,
    tax_behavior: taxBehavior,
    tiers_mode: null,
    transform_quantity: null,
    type: "one_time",
    unit_amount: unitAmount ?? null,
    unit_amount_decimal: decimal ?? String(unitAmount),
  };
  context.store.prices.set(price.id, price);
  return price;
}

/** The session, expired first if its `expires_at` has passed (Stripe expires them on its own). */
export function getSession(context, id, param = "session") {
  const session = context.store.get(context.store.sessions, "checkout.session", id, param);
  if (session.status === "open" && nowSeconds() >= session.expires_at) expire(context, session);
  return session;
}

export function expireSession(context, id) {
  const session = getSession(context, id);
  if (session.status !== "open") {
    throw invalidRequest(
      `Only Checkout Sessions with a status in ["open"] can be expired. This session has status \`${session.status}\`.`,
      { param: "session" },
    );
  }
  expire(context, session);
  return session;
}

function expire(context, session) {
  session.status = "expired";
  session.url = null;
  const intent = session.payment_intent && context.store.paymentIntents.get(session.payment_intent);
  if (intent && intent.status === "requires_payment_method") cancelIntent(context, intent, "abandoned");
  emitEvent(context, "checkout.session.expired", session);
}

function intentFor(context, session) {
  if (session.payment_intent) return context.store.paymentIntents.get(session.payment_intent);
  const data = context.intentData.get(session.id) ?? {};
  const intent = createPaymentIntent(context, { amount: session.amount_total, currency: session.currency, ...data });
  session.payment_intent = intent.id;
  return intent;
}

function finish(session, customerEmail, paymentStatus) {
  session.status = "complete";
  session.payment_status = paymentStatus;
  session.url = null;
  session.customer_details = {
    address: null,
    business_name: null,
    email: customerEmail,
    individual_name: null,
    name: null,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };
}

export const successRedirect = (session) => session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id);

/**
 * What the hosted page's buttons (and the pay control) do to an open session:
 * `paid` (card succeeds), `declined` (card declined, session stays open), `async` (a bank debit:
 * complete but unpaid, settled later), `async_succeeded` / `async_failed` (settle now; an open
 * session goes through `async` first). Returns `{ session, redirect?, declined? }`.
 */
export function completeCheckout(context, id, { outcome, email: givenEmail }) {
  const session = getSession(context, id);
  const pendingAsync = context.asyncTimers.has(session.id);
  if ((outcome === "async_succeeded" || outcome === "async_failed") && pendingAsync) {
    settleAsync(context, session, outcome === "async_succeeded");
    return { session, redirect: successRedirect(session) };
  }
  if (session.status !== "open") {
    const payment = session.status === "complete" ? ` (payment_status ${session.payment_status})` : "";
    throw new StripeApiError(400, {
      message: `Checkout Session ${session.id} is ${session.status}${payment} and cannot be paid.`,
      code: "checkout_session_not_open",
    });
  }
  const customerEmail = session.customer_email ?? email(givenEmail || undefined, "email");
  if (!customerEmail && outcome !== "declined")
    throw invalidRequest("An email address is required to pay this Checkout Session.", { param: "email" });
  const intent = intentFor(context, session);

  switch (outcome) {
    case "paid": {
      const charge = chargeCard(context, intent, customerEmail);
      finish(session, customerEmail, "paid");
      emitEvent(context, "checkout.session.completed", session);
      emitEvent(context, "payment_intent.succeeded", intent);
      emitEvent(context, "charge.succeeded", charge);
      return { session, redirect: successRedirect(session) };
    }
    case "declined":
      declineCard(context, intent, customerEmail ?? null);
      return { session, declined: true };
    case "async":
    case "async_succeeded":
    case "async_failed": {
      startBankDebit(context, intent, customerEmail);
      finish(session, customerEmail, "unpaid");
      emitEvent(context, "checkout.session.completed", session);
      if (outcome === "async") {
        const delay = context.asyncDelayMs;
        // null keeps it pending until a control settles it.
        const timer = delay === null ? null : setTimeout(() => settleAsync(context, session, true), delay);
        context.asyncTimers.set(session.id, timer);
      } else {
        context.asyncTimers.set(session.id, null);
        settleAsync(context, session, outcome === "async_succeeded");
      }
      return { session, redirect: successRedirect(session) };
    }
    default:
      throw invalidRequest("outcome must be one of paid, declined, async, async_succeeded, async_failed", {
        param: "outcome",
      });
  }
}

function settleAsync(context, session, succeeded) {
  clearTimeout(context.asyncTimers.get(session.id) ?? undefined);
  context.asyncTimers.delete(session.id);
  const intent = context.store.paymentIntents.get(session.payment_intent);
  const charge = settleBankDebit(context, intent, succeeded);
  if (succeeded) {
    session.payment_status = "paid";
    emitEvent(context, "checkout.session.async_payment_succeeded", session);
    emitEvent(context, "payment_intent.succeeded", intent);
    emitEvent(context, "charge.succeeded", charge);
  } else {
    emitEvent(context, "checkout.session.async_payment_failed", session);
    emitEvent(context, "payment_intent.payment_failed", intent);
    emitEvent(context, "charge.failed", charge);
  }
}

export const sessionItems = (context, id) => context.store.sessionItems.get(id) ?? [];
