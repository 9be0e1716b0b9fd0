import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./test-env";

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

/** The ids the running build gave the server actions exported by `filename`, by exported name. */
export function serverActionIds(filename: string): Record<string, string> {
  // The standalone copy: the one the test servers run.
  const manifestPath = path.join(PROJECT_ROOT, ".next/standalone/.next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { node: Record<string, ManifestEntry> };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename === filename && entry.exportedName) ids[entry.exportedName] = id;
  }
  return ids;
}

/** The id of one exported server action; throws when the build has none by that name. */
export function serverActionId(filename: string, exportedName: string): string {
  const id = serverActionIds(filename)[exportedName];
  if (!id) throw new Error(`no server action ${exportedName} in ${filename}: run npm run build`);
  return id;
}

interface ActionCallBase {
  baseUrl: string;
  /** A page whose bundle holds the action (any admin page for the admin actions). */
  page: string;
  action: { file: string; name: string };
  cookie?: string;
  /** Defaults to the app's own origin, as a browser sends it; null sends no Origin at all. */
  origin?: string | null;
  /** Extra request headers (e.g. X-Forwarded-For behind a trusted proxy). */
  headers?: Record<string, string>;
}

/** A `useActionState` form: its fields, an array sending the field once per value (checkboxes). */
export type FormActionCall = ActionCallBase & { fields: Record<string, string | string[]> };
/** An action called as a function (`copyLinkAction(id)`): its arguments, JSON with no string starting "$". */
export type FunctionActionCall = ActionCallBase & { args: unknown[] };
export type ActionCall = FormActionCall | FunctionActionCall;

/**
 * Calls a server action the way React's client does (POST to the page with the `Next-Action` header), but
 * directly: no page, no button, whatever the UI would allow. A `useActionState` form's arguments
 * [previousState, formData] go as multipart (`0` holds the argument list, `_1_<name>` the form fields);
 * arguments that are plain JSON go as one text body, as React sends those.
 */
export async function callServerAction(call: ActionCall): Promise<Response> {
  const body = "args" in call ? JSON.stringify(call.args) : formBody(call.fields);
  const origin = call.origin === undefined ? new URL(call.baseUrl).origin : call.origin;
  return fetch(`${call.baseUrl}${call.page}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Next-Action": serverActionId(call.action.file, call.action.name),
      Accept: "text/x-component",
      ...("args" in call ? { "content-type": "text/plain;charset=UTF-8" } : {}),
      ...(call.cookie ? { cookie: call.cookie } : {}),
      ...(origin !== null ? { origin } : {}),
      ...call.headers,
    },
    body,
  });
}

function formBody(fields: Record<string, string | string[]>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(`_1_${name}`, item);
  }
  // Last, as React sends it: the server decodes while reading and resolves "$K1" when "0" arrives.
  body.set("0", JSON.stringify([{}, "$K1"]));
  return body;
}

export interface ActionState {
  ok?: boolean;
  error?: string;
  message?: string;
  fieldErrors?: Record<string, string[]>;
}

/** The state an action returned, from its Flight payload: the row that is an object with ok/error/message. */
export function actionStateIn(flight: string): ActionState | null {
  for (const line of flight.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith("{")) continue;
    try {
      const value = JSON.parse(json) as Record<string, unknown>;
      if ("ok" in value || "error" in value || "message" in value) return value as ActionState;
    } catch {
      // not the action's result row
    }
  }
  return null;
}

/** The state a `useActionState` action returned; throws when the response carries none. */
export async function readActionState(response: Response): Promise<ActionState> {
  const text = await response.text();
  const state = actionStateIn(text);
  if (!state) throw new Error(`no action state in the response (${response.status}): ${text.slice(0, 300)}`);
  return state;
}

export interface OrderActionResult {
  status: number;
  body: string;
  /** The action's returned state, when the response carried one. */
  state: ActionState | null;
  /** The action called notFound(): a 404, or its digest when the call was forwarded from another page. */
  notFound: boolean;
}

/**
 * A back-office order action (app/(store)/admin/orders/actions.ts) by name, posted to the order's page as the UI
 * does. Posted to another page, Next.js forwards the call and answers 200 with the action's error in the
 * payload instead of the 404 status: `notFound` covers both.
 */
export async function callOrderAction(
  baseUrl: string,
  name: string,
  fields: Record<string, string | string[]>,
  options: { cookie?: string; origin?: string | null; page?: string } = {},
): Promise<OrderActionResult> {
  const page =
    options.page ??
    (typeof fields.orderId === "string" ? `/admin/orders/${encodeURIComponent(fields.orderId)}` : "/admin/orders");
  const response = await callServerAction({
    baseUrl,
    page,
    action: { file: "app/(store)/admin/orders/actions.ts", name },
    fields,
    cookie: options.cookie,
    origin: options.origin,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text,
    state: actionStateIn(text),
    notFound: response.status === 404 || text.includes("NEXT_HTTP_ERROR_FALLBACK;404"),
  };
}
