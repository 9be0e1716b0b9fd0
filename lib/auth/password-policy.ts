import { z } from "zod";

/**
 * The one place the password length is decided; forms, zod schemas and the hash all follow it.
 * scrypt reads every byte (bcrypt stopped at 72), so the maximum only bounds the work per request.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export const PASSWORD_HINT = `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`;

/** A password being chosen (sign-up, reset, change, claim). */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`);

/** A password being checked (sign-in, current password): any length up to the maximum. */
export const enteredPasswordSchema = z
  .string()
  .min(1, "Enter your password")
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`);
