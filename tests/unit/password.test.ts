import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";
import { newPasswordSchema, PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";

describe("password hashing", () => {
  it("hashes with scrypt in a versioned format and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
    // A fresh salt each time.
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
  });

  it("tells apart passwords that differ only after byte 72 (bcrypt could not)", async () => {
    const prefix = "a".repeat(72);
    const hash = await hashPassword(`${prefix}-one`);
    expect(await verifyPassword(`${prefix}-one`, hash)).toBe(true);
    expect(await verifyPassword(`${prefix}-two`, hash)).toBe(false);
    expect(await verifyPassword(prefix, hash)).toBe(false);
  });

  it("still verifies an old bcrypt hash, and asks for it to be replaced", async () => {
    const old = bcrypt.hashSync("an old password", 4);
    expect(await verifyPassword("an old password", old)).toBe(true);
    expect(await verifyPassword("another password", old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
  });

  it.each(["", "scrypt$15$8$1$abc", "scrypt$99$8$1$AAAA$AAAA", "plain", "scrypt$15$8$1$$"])(
    "refuses a malformed hash %j",
    async (hash) => {
      expect(await verifyPassword("anything at all", hash)).toBe(false);
    },
  );

  it("accepts the stated maximum length and nothing longer", async () => {
    const longest = "é".repeat(PASSWORD_MAX_LENGTH);
    expect(newPasswordSchema.safeParse(longest).success).toBe(true);
    expect(newPasswordSchema.safeParse(`${longest}x`).success).toBe(false);
    expect(await verifyPassword(longest, await hashPassword(longest))).toBe(true);
  });
});
