import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import type { z } from "zod";
import type { Role } from "@prisma/client";
import { getCurrentUser, type CurrentUser } from "./session";
import { hasRole } from "./roles";
import { DomainError } from "@/lib/errors";

export interface ActionState {
  ok?: boolean;
  error?: string;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** What was submitted (never passwords), so a form React resets after an action keeps its input. */
  values?: Record<string, string>;
}

/**
 * The one way an error becomes form state: a refusal the user can act on (a DomainError) becomes the
 * form's message, and that field's too when `field` is given; anything else is a real error and is
 * thrown on (Next.js shows its error page).
 */
export function formStateFromError(error: unknown, field?: string): ActionState {
  if (!(error instanceof DomainError)) throw error;
  return field ? { error: error.message, fieldErrors: { [field]: [error.message] } } : { error: error.message };
}

/**
 * Next.js refuses server actions whose Origin differs from the host, but lets one through with no
 * Origin at all (it only warns). Browsers always send Origin with a POST, so a missing or "null" one is
 * a forged or sandboxed request: refuse it.
 */
async function hasOrigin(): Promise<boolean> {
  const origin = (await headers()).get("origin");
  return origin !== null && origin !== "null";
}

function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !/password|secret|token|sig/i.test(key) && !key.startsWith("$"))
      values[key] = value;
  }
  return values;
}

type Action<S extends z.ZodType, Extra extends unknown[]> = (data: z.infer<S>, ...extra: Extra) => Promise<ActionState>;

function parseForm<S extends z.ZodType>(schema: S, formData: FormData) {
  const result = schema.safeParse(Object.fromEntries(formData));
  if (result.success) return { data: result.data as z.infer<S> };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { state: { error: result.error.issues[0]?.message ?? "Invalid input", fieldErrors } satisfies ActionState };
}

/** A server action whose form data is validated before the body runs. */
export function validatedAction<S extends z.ZodType>(schema: S, action: Action<S, [FormData]>) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    if (!(await hasOrigin())) return { error: "This form must be sent from the shop's own pages." };
    const parsed = parseForm(schema, formData);
    const state: ActionState = parsed.state ?? (await action(parsed.data as z.infer<S>, formData));
    return state.ok ? state : { ...state, values: echoValues(formData) };
  };
}

/** Same, for signed-in users with one of `roles`: everyone else gets a 404, as for the pages. */
export function validatedActionWithRole<S extends z.ZodType>(
  roles: readonly Role[],
  schema: S,
  action: Action<S, [CurrentUser, FormData]>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const user = await getCurrentUser();
    if (!user || !hasRole(user.role, roles) || !(await hasOrigin())) notFound();
    const parsed = parseForm(schema, formData);
    const state: ActionState = parsed.state ?? (await action(parsed.data as z.infer<S>, user, formData));
    return state.ok ? state : { ...state, values: echoValues(formData) };
  };
}
