import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";

export interface SessionIdentity {
  userId: string;
  /** The `User.sessionVersion` the session was issued under; compare it with the user's current one. */
  sessionVersion: number;
}

/** Who the session cookie says is signed in, with no database read. The caller must check the version. */
export async function sessionIdentity(): Promise<SessionIdentity | null> {
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  return { userId, sessionVersion: session.user?.sessionVersion ?? 0 };
}
