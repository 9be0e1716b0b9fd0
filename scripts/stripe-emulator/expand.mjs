import { clone } from "./store.mjs";
import { invalidRequest } from "./errors.mjs";

const cannotExpand = (path) => invalidRequest(`This property cannot be expanded (${path}).`, { param: "expand" });

/**
 * Applies `expand[]` paths (`payment_intent`, `line_items.data.price.product`, `data.price.product`
 * on lists) to a copy of `object`. `includable(obj, field)` supplies properties Stripe returns only
 * when expanded (a session's `line_items`, a charge's `refunds`).
 */
export function expand(object, paths, context, prefix = "") {
  const result = clone(object);
  if (paths.length === 0) return result;
  const groups = new Map();
  for (const path of paths) {
    const [head, ...rest] = path.split(".");
    if (!groups.has(head)) groups.set(head, []);
    if (rest.length) groups.get(head).push(rest.join("."));
  }
  if (result.object === "list") {
    for (const [head, rests] of groups) {
      if (head !== "data" || rests.length === 0) throw cannotExpand(prefix + head);
      result.data = result.data.map((item) => expand(item, rests, context, `${prefix}data.`));
    }
    return result;
  }
  for (const [head, rests] of groups) {
    let value = context.includable(result, head);
    if (value === undefined) {
      value = result[head];
      if (typeof value === "string") {
        const found = context.store.find(value);
        if (!found) throw cannotExpand(prefix + head);
        value = found;
      } else if (value === null) continue;
      // Embedded resources (a line item's price) can be traversed; plain hashes (metadata) cannot.
      else if (typeof value !== "object" || typeof value.object !== "string" || typeof value.id !== "string")
        throw cannotExpand(prefix + head);
    }
    result[head] = expand(value, rests, context, `${prefix}${head}.`);
  }
  return result;
}
