import { resourceMissing } from "./errors.mjs";

/**
 * In-memory state. Each map holds the API object exactly as Stripe would return it (without
 * expansions); `sessionItems` keeps a session's line items, which Stripe only returns on request.
 */
export function createStore() {
  const store = {
    sessions: new Map(),
    sessionItems: new Map(),
    paymentIntents: new Map(),
    charges: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    products: new Map(),
    prices: new Map(),
    events: new Map(),
    idempotency: new Map(),
  };
  const byPrefix = [
    ["cs_", store.sessions, "checkout.session"],
    ["pi_", store.paymentIntents, "payment_intent"],
    ["ch_", store.charges, "charge"],
    ["py_", store.charges, "charge"],
    ["re_", store.refunds, "refund"],
    ["dp_", store.disputes, "dispute"],
    ["prod_", store.products, "product"],
    ["price_", store.prices, "price"],
    ["evt_", store.events, "event"],
  ];
  /** The stored object for any id, or undefined. */
  store.find = (id) => {
    for (const [prefix, map] of byPrefix) if (id.startsWith(prefix)) return map.get(id);
    return undefined;
  };
  /** The stored object from one map, or Stripe's 404 `resource_missing`. */
  store.get = (map, objectName, id, param = "id") => {
    const found = map.get(id);
    if (!found) throw resourceMissing(objectName, id, param);
    return found;
  };
  return store;
}

export const clone = (value) => structuredClone(value);
