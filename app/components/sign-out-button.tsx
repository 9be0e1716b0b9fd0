"use client";

import { signOut } from "@/lib/auth/sign-out";

export function SignOutButton() {
  return (
    <button type="button" className="btn-secondary w-full" onClick={() => signOut({ callbackUrl: "/" })}>
      Sign out
    </button>
  );
}
