import { asArray } from "./form-body.mjs";
import { invalidRequest, missingParam, unknownParam } from "./errors.mjs";

// Parameter checks with Stripe's messages, for the fields the emulator implements.

/** Rejects keys outside `allowed`, as Stripe does (typos fail loudly instead of being ignored). */
export function onlyKnown(params, allowed, prefix = "") {
  for (const key of Object.keys(params ?? {})) {
    if (!allowed.includes(key)) throw unknownParam(prefix ? `${prefix}[${key}]` : key);
  }
}

export function hash(value, param) {
  if (value === undefined) return undefined;
  if (!value || typeof value !== "object" || Array.isArray(value)) throw invalidRequest("Invalid hash", { param });
  return value;
}

export function string(value, param, { required = false, max } = {}) {
  if (value === undefined || value === "") {
    if (required) throw missingParam(param);
    return undefined;
  }
  if (typeof value !== "string") throw invalidRequest(`Invalid string: ${JSON.stringify(value)}`, { param });
  if (max && value.length > max) {
    throw invalidRequest(`Invalid string: ${value.slice(0, 20)}...; must be at most ${max} characters`, { param });
  }
  return value;
}

export function integer(value, param, { required = false, min } = {}) {
  if (value === undefined || value === "") {
    if (required) throw missingParam(param);
    return undefined;
  }
  const text = String(value);
  if (!/^-?\d+$/.test(text)) throw invalidRequest(`Invalid integer: ${text}`, { param });
  const number = Number(text);
  if (min === 1 && number < 1) throw invalidRequest("Invalid positive integer", { param });
  if (min === 0 && number < 0) throw invalidRequest("Invalid non-negative integer", { param });
  return number;
}

export function oneOf(value, param, choices, { required = false } = {}) {
  const text = string(value, param, { required });
  if (text !== undefined && !choices.includes(text)) {
    throw invalidRequest(`Invalid ${param}: must be one of ${choices.join(", ")}`, { param });
  }
  return text;
}

export function url(value, param, { required = false } = {}) {
  const text = string(value, param, { required, max: 5000 });
  if (text === undefined) return undefined;
  try {
    const parsed = new URL(text);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return text;
  } catch {}
  throw invalidRequest("Not a valid URL", { param, code: "url_invalid" });
}

export function email(value, param) {
  const text = string(value, param, { max: 800 });
  if (text !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
    throw invalidRequest(`Invalid email address: ${text}`, { param, code: "email_invalid" });
  }
  return text;
}

export function currency(value, param) {
  const text = string(value, param, { required: true });
  if (!/^[a-zA-Z]{3}$/.test(text)) throw invalidRequest(`Invalid currency: ${text}`, { param });
  return text.toLowerCase();
}

/** Stripe's metadata rules: ≤ 50 keys, keys ≤ 40 characters, values ≤ 500; an empty value unsets. */
export function metadata(value, param = "metadata") {
  if (value === undefined || value === "") return {};
  hash(value, param);
  const entries = Object.entries(value).filter(([, v]) => v !== "");
  if (entries.length > 50) throw invalidRequest("Invalid metadata: metadata can have up to 50 keys", { param });
  const out = {};
  for (const [key, v] of entries) {
    if (typeof v !== "string")
      throw invalidRequest(`Invalid value for ${param}[${key}]: must be a string`, { param: `${param}[${key}]` });
    if (key.length > 40) {
      throw invalidRequest(
        `Metadata keys can have up to 40 characters, but you passed in a key that is ${key.length} characters.`,
        { param: `${param}[${key}]` },
      );
    }
    if (v.length > 500) {
      throw invalidRequest(
        `Metadata values can have up to 500 characters, but you passed in a value that is ${v.length} characters.`,
        { param: `${param}[${key}]` },
      );
    }
    out[key] = v;
  }
  return out;
}

/** `expand[]=a&expand[]=b.c` (or indexed) as a list of paths. */
export function expandList(params) {
  const list = asArray(params.expand, "expand") ?? [];
  for (const item of list) if (typeof item !== "string") throw invalidRequest("Invalid array", { param: "expand" });
  return list;
}

export function list(value, param) {
  return asArray(value, param);
}
