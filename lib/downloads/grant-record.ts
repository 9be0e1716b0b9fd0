import type { OrderStatus } from "@/lib/orders/policy";

/** Everything the download decision needs, read in one joined query (one round trip on the hot path). */
export interface GrantRecord {
  grantId: string;
  downloadsUsed: number;
  downloadLimit: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  /** When a download of this grant was last counted: free resumes are measured from it. */
  lastCountedAt: Date | null;
  /** The generation a signed link must carry: staff raise it to stop every link already given out. */
  linkGeneration: number;
  orderStatus: OrderStatus;
  ownerId: string | null;
  /** The owner's User.sessionVersion (null when the order has no account). */
  ownerSessionVersion: number | null;
  fileVersion: number;
  storageKey: string;
  displayName: string;
  contentType: string;
  fileSha256: string;
  /** The book stamps each buyer's copy (lib/stamping): then the copy below is sent once it is ready. */
  stampCopies: boolean;
  /** The grant's StampedCopy row, if any. */
  stampStatus: string | null;
  stampStorageKey: string | null;
  stampSourceSha256: string | null;
}
