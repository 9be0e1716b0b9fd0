import { invalidRequest, StripeApiError } from "./errors.mjs";
import { emitEvent } from "./events.mjs";
import { newId, nowSeconds } from "./ids.mjs";
import { integer, metadata, onlyKnown, oneOf, string } from "./params.mjs";

// PaymentIntents, Charges, Refunds and Disputes: created by the hosted page, read through the API.

const CARD = {
  type: "card",
  card: {
    brand: "visa",
    last4: "4242",
    exp_month: 12,
    exp_year: new Date().getFullYear() + 3,
    country: "US",
    funding: "credit",
    network: "visa",
  },
};
const DECLINED_CARD = { type: "card", card: { ...CARD.card, last4: "0002" } };
const BANK = {
  type: "us_bank_account",
  us_bank_account: {
    account_holder_type: "individual",
    account_type: "checking",
    bank_name: "STRIPE TEST BANK",
    last4: "6789",
    routing_number: "110000000",
  },
};

export function createPaymentIntent(context, { amount, currency, metadata: meta = {}, description = null }) {
  const id = newId("pi_");
  const intent = {
    id,
    object: "payment_intent",
    amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: `${id}_secret_${newId("").slice(0, 24)}`,
    confirmation_method: "automatic",
    created: nowSeconds(),
    currency,
    customer: null,
    description,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: meta,
    next_action: null,
    payment_method: null,
    payment_method_types: ["card"],
    receipt_email: null,
    status: "requires_payment_method",
  };
  context.store.paymentIntents.set(id, intent);
  return intent;
}

function createCharge(context, intent, { status, method, email }) {
  const id = newId(method.type === "card" ? "ch_" : "py_");
  const ok = status === "succeeded";
  const declined = status === "failed";
  const charge = {
    id,
    object: "charge",
    amount: intent.amount,
    amount_captured: ok ? intent.amount : 0,
    amount_refunded: 0,
    application_fee_amount: null,
    balance_transaction: ok ? newId("txn_") : null,
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email,
      name: null,
      phone: null,
    },
    calculated_statement_descriptor: "STRIPE EMULATOR",
    captured: ok,
    created: nowSeconds(),
    currency: intent.currency,
    customer: null,
    description: intent.description,
    disputed: false,
    failure_code: declined ? (method.type === "card" ? "card_declined" : "insufficient_funds") : null,
    failure_message: declined
      ? method.type === "card"
        ? "Your card was declined."
        : "The account has insufficient funds."
      : null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    outcome: declined
      ? {
          network_status: "declined_by_network",
          reason: "generic_decline",
          risk_level: "normal",
          seller_message: "The bank did not return any further details with this decline.",
          type: "issuer_declined",
        }
      : {
          network_status: "approved_by_network",
          reason: null,
          risk_level: "normal",
          seller_message: "Payment complete.",
          type: "authorized",
        },
    paid: ok,
    payment_intent: intent.id,
    payment_method: intent.payment_method,
    payment_method_details: method,
    receipt_email: null,
    receipt_url: null,
    refunded: false,
    status,
    transfer_group: null,
  };
  context.store.charges.set(id, charge);
  intent.latest_charge = id;
  return charge;
}

function attachMethod(intent, method) {
  intent.payment_method = newId("pm_");
  intent.payment_method_types = [method.type];
}

/** A card payment that succeeds at once. Events are left to the caller (the session comes first). */
export function chargeCard(context, intent, email) {
  attachMethod(intent, CARD);
  intent.last_payment_error = null;
  const charge = createCharge(context, intent, { status: "succeeded", method: CARD, email });
  intent.status = "succeeded";
  intent.amount_received = intent.amount;
  return charge;
}

/** A declined card: a failed charge and the intent back to `requires_payment_method`. */
export function declineCard(context, intent, email) {
  attachMethod(intent, DECLINED_CARD);
  const charge = createCharge(context, intent, { status: "failed", method: DECLINED_CARD, email });
  intent.status = "requires_payment_method";
  intent.last_payment_error = {
    type: "card_error",
    code: "card_declined",
    decline_code: "generic_decline",
    message: "Your card was declined.",
    charge: charge.id,
  };
  emitEvent(context, "charge.failed", charge);
  emitEvent(context, "payment_intent.payment_failed", intent);
  return charge;
}

/** A delayed-notification method (a bank debit): the charge stays `pending` until settled. */
export function startBankDebit(context, intent, email) {
  attachMethod(intent, BANK);
  const charge = createCharge(context, intent, { status: "pending", method: BANK, email });
  intent.status = "processing";
  emitEvent(context, "payment_intent.processing", intent);
  return charge;
}

export function settleBankDebit(context, intent, succeeded) {
  const charge = context.store.charges.get(intent.latest_charge);
  if (succeeded) {
    Object.assign(charge, {
      status: "succeeded",
      paid: true,
      captured: true,
      amount_captured: charge.amount,
      balance_transaction: newId("txn_"),
    });
    Object.assign(intent, { status: "succeeded", amount_received: intent.amount });
  } else {
    Object.assign(charge, {
      status: "failed",
      failure_code: "insufficient_funds",
      failure_message: "The account has insufficient funds.",
      outcome: {
        ...charge.outcome,
        network_status: "declined_by_network",
        reason: "insufficient_funds",
        seller_message: "The bank returned the decline code `insufficient_funds`.",
        type: "issuer_declined",
      },
    });
    Object.assign(intent, {
      status: "requires_payment_method",
      last_payment_error: {
        type: "invalid_request_error",
        code: "insufficient_funds",
        message: "The account has insufficient funds.",
        charge: charge.id,
      },
    });
  }
  return charge;
}

export function cancelIntent(context, intent, reason) {
  Object.assign(intent, { status: "canceled", canceled_at: nowSeconds(), cancellation_reason: reason });
  emitEvent(context, "payment_intent.canceled", intent);
}

const REFUND_PARAMS = ["payment_intent", "charge", "amount", "metadata", "reason", "expand"];

/** `POST /v1/refunds`: against a charge or a PaymentIntent's latest charge, partial or full. */
export function createRefund(context, params, request) {
  onlyKnown(params, REFUND_PARAMS);
  const { store } = context;
  const intentId = string(params.payment_intent, "payment_intent");
  const chargeId = string(params.charge, "charge");
  if (!intentId && !chargeId)
    throw invalidRequest("One of the following params should be provided for this request: payment_intent or charge.", {
      param: "payment_intent",
    });
  if (intentId && chargeId)
    throw invalidRequest("You cannot specify both `charge` and `payment_intent`.", { param: "charge" });
  let charge;
  if (intentId) {
    const intent = store.get(store.paymentIntents, "payment_intent", intentId, "payment_intent");
    charge = intent.status === "succeeded" ? store.charges.get(intent.latest_charge) : undefined;
    if (!charge) {
      throw invalidRequest(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, {
        param: "payment_intent",
      });
    }
  } else {
    charge = store.get(store.charges, "charge", chargeId, "charge");
    if (charge.status !== "succeeded")
      throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, { param: "charge" });
  }
  const amount = integer(params.amount, "amount", { min: 1 });
  const meta = metadata(params.metadata);
  const reason = oneOf(params.reason, "reason", ["duplicate", "fraudulent", "requested_by_customer"]);
  const remaining = charge.amount - charge.amount_refunded;
  if (charge.disputed && [...store.disputes.values()].some((d) => d.charge === charge.id && d.status !== "won")) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, {
      code: "charge_disputed",
    });
  }
  if (remaining === 0)
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded" });
  if (amount !== undefined && amount > remaining) {
    const money = (n) => (n / 100).toFixed(2);
    throw invalidRequest(
      `Refund amount (${money(amount)} ${charge.currency}) is greater than unrefunded amount on charge ` +
        `(${money(remaining)} ${charge.currency})`,
      { param: "amount", code: "amount_too_large" },
    );
  }
  const refund = {
    id: newId("re_"),
    object: "refund",
    amount: amount ?? remaining,
    balance_transaction: newId("txn_"),
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    destination_details: {
      card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" },
      type: "card",
    },
    metadata: meta,
    payment_intent: charge.payment_intent,
    reason: reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
  store.refunds.set(refund.id, refund);
  charge.amount_refunded += refund.amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  // Like Stripe since API version 2022-11-15: the charge in `charge.refunded` carries no `refunds`
  // list (it is not expanded in events); read `refund.created` or list refunds for the details.
  emitEvent(context, "charge.refunded", charge, request);
  emitEvent(context, "refund.created", refund, request);
  return refund;
}

/** A dispute (chargeback) on a succeeded charge; Stripe raises these, so only a control creates one. */
export function createDispute(context, { charge: chargeId, amount, reason = "fraudulent", status = "needs_response" }) {
  const { store } = context;
  const charge = store.get(store.charges, "charge", String(chargeId ?? ""), "charge");
  if (charge.status !== "succeeded") throw invalidRequest(`Charge ${charge.id} has not succeeded`, { param: "charge" });
  if ([...store.disputes.values()].some((d) => d.charge === charge.id))
    throw invalidRequest(`Charge ${charge.id} is already disputed`, { param: "charge" });
  if (!OPENING_STATUSES.includes(status))
    throw invalidRequest(`status must be one of ${OPENING_STATUSES.join(", ")}`, { param: "status" });
  const disputed = amount === undefined || amount === "" ? charge.amount : integer(amount, "amount", { min: 1 });
  if (disputed > charge.amount) throw invalidRequest("amount is greater than the charge amount", { param: "amount" });
  const dispute = {
    id: newId("dp_"),
    object: "dispute",
    amount: disputed,
    balance_transactions: [],
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    evidence: {},
    evidence_details: { due_by: nowSeconds() + 7 * 86400, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: String(reason),
    status,
  };
  store.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  emitEvent(context, "charge.dispute.created", dispute);
  emitEvent(context, "charge.dispute.funds_withdrawn", dispute);
  return dispute;
}

// An inquiry opens as warning_needs_response, a chargeback as needs_response (Stripe's lifecycle).
const OPENING_STATUSES = ["needs_response", "warning_needs_response"];
const OPEN_STATUSES = ["warning_needs_response", "warning_under_review", "needs_response", "under_review"];
const CLOSED_STATUSES = ["won", "lost", "warning_closed", "prevented"];

/** Moves a dispute to any status: `charge.dispute.closed` for a final one, else `charge.dispute.updated`. */
export function updateDispute(context, id, status) {
  const { store } = context;
  const dispute = store.get(store.disputes, "dispute", id);
  const all = [...OPEN_STATUSES, ...CLOSED_STATUSES];
  if (!all.includes(status)) throw invalidRequest(`status must be one of ${all.join(", ")}`, { param: "status" });
  if (CLOSED_STATUSES.includes(dispute.status))
    throw new StripeApiError(400, { message: `Dispute ${id} is already closed (${dispute.status})` });
  dispute.status = status;
  if (status === "won") emitEvent(context, "charge.dispute.funds_reinstated", dispute);
  emitEvent(context, CLOSED_STATUSES.includes(status) ? "charge.dispute.closed" : "charge.dispute.updated", dispute);
  return dispute;
}

export function closeDispute(context, id, status) {
  if (!["won", "lost"].includes(status)) throw invalidRequest("status must be won or lost", { param: "status" });
  return updateDispute(context, id, status);
}
