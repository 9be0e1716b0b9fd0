import { newId, nowSeconds } from "./ids.mjs";
import { clone } from "./store.mjs";

/**
 * Records an event with a snapshot of `object` as it is now (later changes do not leak into it, as
 * with Stripe) and hands it to the dispatcher. `request` is the API request that caused it, if any.
 */
export function emitEvent(context, type, object, request = null) {
  const event = {
    id: newId("evt_"),
    object: "event",
    api_version: context.apiVersion(),
    created: nowSeconds(),
    data: { object: clone(object) },
    livemode: false,
    pending_webhooks: context.dispatcher.url ? 1 : 0,
    request: { id: request?.id ?? null, idempotency_key: request?.idempotencyKey ?? null },
    type,
  };
  context.store.events.set(event.id, event);
  context.dispatcher.dispatch(event);
  return event;
}
