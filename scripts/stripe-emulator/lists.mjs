import { invalidRequest } from "./errors.mjs";
import { integer, string } from "./params.mjs";

/** Stripe's list object with `limit` (1–100, default 10), `starting_after` and `ending_before`. */
export function paginate(items, params, url) {
  const limit = integer(params.limit, "limit", { min: 1 }) ?? 10;
  if (limit > 100) throw invalidRequest("Invalid limit: must be between 1 and 100", { param: "limit" });
  const after = string(params.starting_after, "starting_after");
  const before = string(params.ending_before, "ending_before");
  let start = 0;
  let end = items.length;
  if (after) {
    const index = items.findIndex((item) => item.id === after);
    if (index < 0)
      throw invalidRequest(`No such object: '${after}'`, {
        param: "starting_after",
        code: "resource_missing",
        status: 404,
      });
    start = index + 1;
  }
  if (before) {
    const index = items.findIndex((item) => item.id === before);
    if (index < 0)
      throw invalidRequest(`No such object: '${before}'`, {
        param: "ending_before",
        code: "resource_missing",
        status: 404,
      });
    end = index;
    start = Math.max(0, end - limit);
  }
  const data = items.slice(start, Math.min(end, start + limit));
  const hasMore = before ? start > 0 : start + data.length < end;
  return { object: "list", data, has_more: hasMore, url };
}

/** Newest first, as Stripe lists most resources. */
export const newestFirst = (objects) => [...objects].reverse();
