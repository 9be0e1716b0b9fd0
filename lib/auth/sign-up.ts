import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@prisma/client";
import { ConflictError } from "@/lib/errors";
import { hashPassword } from "./password";

export const signUpSchema = z.object({
  name: z.string().trim().max(100).optional().transform((name) => name || undefined),
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address" })),
  password: z
    .string()
    .min(10, "Use at least 10 characters")
    .max(200, "Use at most 200 characters"),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

/** Creates a CUSTOMER account. The email's uniqueness is enforced by the database, not a prior read. */
export async function createCustomerAccount(input: SignUpInput) {
  const prisma = await db();
  try {
    return await prisma.user.create({
      data: { email: input.email, name: input.name, passwordHash: await hashPassword(input.password), role: "CUSTOMER" },
      select: { id: true, email: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError("An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}
