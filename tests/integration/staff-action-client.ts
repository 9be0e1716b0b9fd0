import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/test-env";

/** The ids Next.js gave the staff server actions in the current build, by exported name. */
export function staffActionIds(): Record<string, string> {
  const manifest = JSON.parse(
    readFileSync(path.join(PROJECT_ROOT, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename === "app/admin/orders/actions.ts" && entry.exportedName) ids[entry.exportedName] = id;
  }
  return ids;
}

export interface ActionCall {
  status: number;
  body: string;
  /** The action's returned state, when the response carried one. */
  state: { ok?: boolean; message?: string; error?: string; fieldErrors?: Record<string, string[]> } | null;
  /** The action called notFound(): a 404, or its digest when the call was forwarded from another page. */
  notFound: boolean;
}

/**
 * Calls a server action the way React's client does for `useActionState(action)`: POST with the
 * Next-Action header and the arguments [previousState, formData] encoded as multipart (`0` holds the
 * argument list, `_1_<name>` the form fields). This is what anyone can send directly, without the UI.
 */
export async function callServerAction(
  baseUrl: string,
  actionId: string,
  fields: Record<string, string | string[]>,
  options: { cookie?: string; origin?: string | null; page?: string } = {},
): Promise<ActionCall> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(`_1_${name}`, item);
  }
  // Last, as React sends it: the server decodes while reading and resolves "$K1" when "0" arrives.
  body.set("0", JSON.stringify([{}, "$K1"]));
  const origin = options.origin === undefined ? baseUrl : options.origin;
  // The order page hosts these actions. Posted to another page, Next.js forwards the call and answers
  // 200 with the action's error in the payload instead of the 404 status.
  const page =
    options.page ??
    (typeof fields.orderId === "string" ? `/admin/orders/${encodeURIComponent(fields.orderId)}` : "/admin/orders");
  const response = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      accept: "text/x-component",
      "next-action": actionId,
      ...(origin === null ? {} : { origin }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text,
    state: actionState(text),
    notFound: response.status === 404 || text.includes("NEXT_HTTP_ERROR_FALLBACK;404"),
  };
}

function actionState(flight: string): ActionCall["state"] {
  for (const line of flight.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith("{")) continue;
    try {
      const value = JSON.parse(json) as Record<string, unknown>;
      if ("ok" in value || "error" in value || "message" in value) return value as ActionCall["state"];
    } catch {
      // not the action's result row
    }
  }
  return null;
}
