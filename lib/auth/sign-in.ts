import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { networkKey } from "@/lib/http/network-key";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "./password";
import { enteredPasswordSchema } from "./password-policy";
import { rateLimitStore } from "@/lib/rate-limit/prisma-store";
import { SignInThrottle } from "./sign-in-throttle";

let throttle: SignInThrottle | undefined;

export const credentialsSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address" })),
  password: enteredPasswordSchema,
});

export class SignInThrottledError extends Error {
  constructor(retryAfterSeconds: number) {
    const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds} second` : `${Math.ceil(retryAfterSeconds / 60)} minute`;
    super(`Too many sign-in attempts. Try again in ${wait}${wait.startsWith("1 ") ? "" : "s"}.`);
  }
}

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string | null;
  sessionVersion: number;
}

/**
 * Checks email + password under the sign-in throttle. Returns the user or null; the answer and the
 * work done are the same whether or not the email has an account.
 */
export async function authenticate(input: unknown, ip: string | null): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const network = networkKey(ip);
  throttle ??= new SignInThrottle(rateLimitStore());
  const wait = await throttle.retryAfter(email, network);
  if (wait > 0) throw new SignInThrottledError(wait);

  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user?.passwordHash || !valid) {
    await throttle.failed(email, network);
    return null;
  }
  await throttle.succeeded(email, network);
  if (needsRehash(user.passwordHash)) {
    // Conditional on the old hash: a password changed meanwhile is not overwritten.
    await prisma.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: { passwordHash: await hashPassword(password) },
    });
  }
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
