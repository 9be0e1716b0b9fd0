import { invalidRequest } from "./errors.mjs";

/**
 * Parses Stripe's form encoding (`line_items[0][price_data][currency]=usd`, `expand[]=x`,
 * `metadata[orderId]=7`) into nested objects. Indexed keys stay objects (`{ "0": … }`); `asArray`
 * turns them into arrays where the API expects one, as Stripe accepts both `a[]` and `a[0]`.
 * Values stay strings: the endpoint decides what each must be.
 */
export function parseForm(text) {
  const root = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) throw invalidRequest(`Invalid parameter name: ${key}`, { param: key });
    const path = [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])];
    assign(root, path, value, key);
  }
  return root;
}

function assign(container, path, value, fullKey) {
  let node = container;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (segment === "__proto__" || segment === "constructor" || segment === "prototype") {
      throw invalidRequest(`Invalid parameter name: ${fullKey}`, { param: fullKey });
    }
    const last = i === path.length - 1;
    if (segment === "") {
      if (!Array.isArray(node)) throw invalidRequest(`Invalid array`, { param: fullKey });
      if (last) node.push(value);
      else {
        // `a[][b]=1` starts a new element; Stripe clients use indices for arrays of objects.
        const child = Object.create(null);
        node.push(child);
        node = child;
      }
      continue;
    }
    const existing = node[segment];
    if (last) {
      if (existing !== undefined && typeof existing === "object")
        throw invalidRequest("Invalid hash", { param: fullKey });
      node[segment] = value;
    } else {
      const wantsArray = path[i + 1] === "";
      if (existing === undefined) node[segment] = wantsArray ? [] : Object.create(null);
      else if (typeof existing !== "object" || Array.isArray(existing) !== wantsArray) {
        throw invalidRequest(wantsArray ? "Invalid array" : "Invalid hash", { param: fullKey });
      }
      node = node[segment];
    }
  }
}

/** `[…]` or `{ "0": …, "1": … }` as an array in index order; anything else is not an array. */
export function asArray(value, param) {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.every((k) => /^\d+$/.test(k))) return keys.sort((a, b) => a - b).map((k) => value[k]);
  }
  throw invalidRequest("Invalid array", { param });
}

/** A body that is JSON, form-encoded, or empty (for the `/_emulator` controls, which accept both). */
export function parseLooseBody(text, contentType = "") {
  if (!text.trim()) return Object.create(null);
  if (contentType.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      throw invalidRequest("Invalid JSON body");
    }
  }
  return parseForm(text);
}
