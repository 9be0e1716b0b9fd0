import "server-only";
import { RateLimitedError } from "@/lib/errors";
import { networkKey } from "@/lib/http/network-key";
import { RateLimiter, type AttemptCounter } from "./rate-limit";

const WINDOW_MS = 15 * 60_000;

/** Per-network limits of the anonymous account forms, keyed by `networkKey`. */
const perNetwork: Record<"signUp" | "forgotPassword" | "claim" | "resetPassword" | "verifyEmail", AttemptCounter> = {
  signUp: new RateLimiter(10, WINDOW_MS),
  forgotPassword: new RateLimiter(10, WINDOW_MS),
  claim: new RateLimiter(10, WINDOW_MS),
  resetPassword: new RateLimiter(20, WINDOW_MS),
  verifyEmail: new RateLimiter(30, WINDOW_MS),
};

// Account mails to one address (or for one account): a form cannot be used to flood a mailbox.
const mailsPerAddress = new RateLimiter(3, WINDOW_MS);

export type LimitedForm = keyof typeof perNetwork;

/** Counts one submission of `form` from the client's network; throws RateLimitedError past the limit. */
export function limitNetwork(form: LimitedForm, ip: string | null): void {
  const wait = perNetwork[form].hit(networkKey(ip));
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
export function mayMail(key: string): boolean {
  return mailsPerAddress.hit(key.toLowerCase()) === 0;
}
