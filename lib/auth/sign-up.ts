import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { ConflictError } from "@/lib/errors";
import { signUpTakenMail } from "@/lib/mail/account-mails";
import { sendMail } from "@/lib/mail/transport";
import { sendVerificationMail } from "./email-verification";
import { inBackground } from "./in-background";
import { hashPassword } from "./password";
import { newPasswordSchema } from "./password-policy";
import { limitNetwork, mayMail } from "./request-limits";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: "Enter a valid email address" }));

export const signUpSchema = z.object({
  name: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((name) => name || undefined),
  email: emailSchema,
  password: newPasswordSchema,
});

export type SignUpInput = z.infer<typeof signUpSchema>;

interface NewAccount {
  email: string;
  name?: string;
  password: string;
  /** Set when the address is already proven (a claim link from a receipt). */
  emailVerifiedAt?: Date;
}

/** Creates a CUSTOMER account. The email's uniqueness is enforced by the database, not a prior read. */
export async function createCustomerAccount(input: NewAccount) {
  const prisma = await db();
  try {
    return await prisma.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash: await hashPassword(input.password),
        role: "CUSTOMER",
        emailVerifiedAt: input.emailVerifiedAt,
      },
      select: { id: true, email: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError("An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}

/**
 * Sign-up answers "check your mail" whatever happens, so it cannot tell anyone whether an address has
 * an account. A new address gets an unproven account and a verification link; its past guest orders
 * stay out of it until the link is used. A taken address gets a note to its owner and nothing else.
 */
export async function registerAccount(input: SignUpInput, ip: string | null): Promise<void> {
  await limitNetwork("signUp", ip);
  try {
    const user = await createCustomerAccount(input);
    inBackground("verification mail", () => sendVerificationMail(user));
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    if (!(await mayMail(input.email))) return;
    const { appUrl } = getConfig();
    inBackground("sign-up note", () =>
      sendMail(signUpTakenMail(input.email, `${appUrl}/signin`, `${appUrl}/forgot-password`)),
    );
  }
}
