import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./test-env";

interface ManifestEntry {
  filename: string;
  exportedName: string;
  workers: Record<string, unknown>;
}

/** The id the running build gave an exported server action (from its server-reference manifest). */
export function serverActionId(filename: string, exportedName: string): string {
  const manifestPath = path.join(PROJECT_ROOT, ".next/standalone/.next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { node: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === filename && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}: run npm run build`);
  return found[0];
}

export interface ActionCall {
  baseUrl: string;
  /** A page whose bundle holds the action (any admin page for the admin actions). */
  page: string;
  action: { file: string; name: string };
  fields: Record<string, string>;
  cookie?: string;
  /** Defaults to the app's own origin, as a browser sends it; null sends no Origin at all. */
  origin?: string | null;
  /** Extra request headers (e.g. X-Forwarded-For behind a trusted proxy). */
  headers?: Record<string, string>;
}

/**
 * Calls a `useActionState` server action the way React's client does (POST to the page with the
 * `Next-Action` header, arguments [previousState, formData] encoded as a reply), but directly: no
 * page, no button, whatever the UI would allow.
 */
export async function callServerAction(call: ActionCall): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(call.fields)) body.append(`_1_${name}`, value);
  // Last, as React sends it: the server decodes the root as soon as it arrives.
  body.set("0", JSON.stringify([{}, "$K1"]));
  const origin = call.origin === undefined ? new URL(call.baseUrl).origin : call.origin;
  return fetch(`${call.baseUrl}${call.page}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Next-Action": serverActionId(call.action.file, call.action.name),
      Accept: "text/x-component",
      ...(call.cookie ? { cookie: call.cookie } : {}),
      ...(origin !== null ? { origin } : {}),
      ...call.headers,
    },
    body,
  });
}

/** The state a `useActionState` action returned, read from its Flight response (row 1). */
export async function readActionState(
  response: Response,
): Promise<{ ok?: boolean; error?: string; message?: string; fieldErrors?: Record<string, string[]> }> {
  const text = await response.text();
  const line = text.split("\n").find((candidate) => candidate.startsWith("1:{"));
  if (!line) throw new Error(`no action state in the response (${response.status}): ${text.slice(0, 300)}`);
  return JSON.parse(line.slice(2)) as {
    ok?: boolean;
    error?: string;
    message?: string;
    fieldErrors?: Record<string, string[]>;
  };
}
