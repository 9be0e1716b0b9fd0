/** What a buyer's copy says about them. */
export interface Stamp {
  /** The buyer's name, or their email when they gave no name. */
  licensedTo: string;
  /** The buyer's email (metadata, and the notice page). */
  email: string;
  orderId: string;
  /** The shop's name, e.g. "Bindery". */
  shopName: string;
  /** Add a notice page at the front. */
  noticePage: boolean;
  /** The order's date for the notice page; the time of stamping when absent. */
  licensedAt?: Date;
}

export type StampErrorReason = "encrypted" | "damaged" | "unsupported";

const DEFAULT_MESSAGES: Record<StampErrorReason, string> = {
  encrypted: "The file is encrypted: stamping it would corrupt it.",
  damaged: "The file is damaged or not what its type says.",
  unsupported: "This file cannot be stamped.",
};

/** A source file the engine refuses; the message is for staff. */
export class StampError extends Error {
  constructor(
    readonly reason: StampErrorReason,
    message = DEFAULT_MESSAGES[reason],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StampError";
  }
}

/** Part of every stamp hash: bump it when the engine's output changes, and every copy is made again. */
export const ENGINE_VERSION = "bindery-stamp-1";

/** stampFile holds one file in memory (a PDF whole): sources above this are refused, not loaded. */
export const MAX_SOURCE_BYTES = 512 * 1024 * 1024;

export const PDF_TYPE = "application/pdf";
export const EPUB_TYPE = "application/epub+zip";
