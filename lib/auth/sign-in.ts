import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { RateLimiter } from "./rate-limit";
import { verifyPassword } from "./password";

const perEmail = new RateLimiter(5, 15 * 60_000);
const perIp = new RateLimiter(20, 15 * 60_000);

const DUMMY_HASH = "$2b$12$aCMQrjETuvau8SQc5CwHC.rIjk5XJsxKREkBk5/bX6DZv0H0tHgSi";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address" })),
  password: z.string().min(1, "Enter your password").max(200),
});

export class SignInThrottledError extends Error {
  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(`Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

/** Checks email + password; counts every attempt per email and per IP. Returns the user or null. */
export async function authenticate(input: unknown, ip: string | null) {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const wait = Math.max(perEmail.hit(email), ip ? perIp.hit(ip) : 0);
  if (wait > 0) throw new SignInThrottledError(wait);

  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email } });
  // Compare against a dummy hash for unknown emails too, so timing does not reveal which accounts exist.
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user?.passwordHash || !valid) return null;
  perEmail.reset(email);
  return { id: user.id, email: user.email, name: user.name };
}
