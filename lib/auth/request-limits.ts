import "server-only";
import { RateLimitedError } from "@/lib/errors";
import { networkKey } from "@/lib/http/network-key";
import { FixedWindowCounter, type AttemptCounter } from "@/lib/rate-limit/counter";
import { rateLimitStore } from "@/lib/rate-limit/prisma-store";

const WINDOW_MS = 15 * 60_000;

const counter = (name: string, limit: number) => new FixedWindowCounter(rateLimitStore(), name, limit, WINDOW_MS);

/** Per-network limits of the anonymous account forms, keyed by `networkKey`. */
const perNetwork: Record<"signUp" | "forgotPassword" | "claim" | "resetPassword" | "verifyEmail", AttemptCounter> = {
  signUp: counter("form-signUp", 10),
  forgotPassword: counter("form-forgotPassword", 10),
  claim: counter("form-claim", 10),
  resetPassword: counter("form-resetPassword", 20),
  verifyEmail: counter("form-verifyEmail", 30),
};

// Account mails to one address (or for one account): a form cannot be used to flood a mailbox.
const mailsPerAddress = counter("mail", 3);

export type LimitedForm = keyof typeof perNetwork;

/** Counts one submission of `form` from the client's network; throws RateLimitedError past the limit. */
export async function limitNetwork(form: LimitedForm, ip: string | null): Promise<void> {
  const wait = await perNetwork[form].hit(networkKey(ip));
  if (wait > 0)
    throw new RateLimitedError(
      `Too many attempts from your network. Try again in ${Math.ceil(wait / 60)} minutes.`,
      wait,
    );
}

/**
 * Whether another account mail may go to `key` now. A refusal is silent (the page answers as if it
 * was sent): telling the requester would reveal that the address has an account.
 */
export async function mayMail(key: string): Promise<boolean> {
  return (await mailsPerAddress.hit(key.toLowerCase())) === 0;
}
