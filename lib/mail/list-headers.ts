import { optOutPostUrl } from "./opt-out-link";

/** The dedupe key prefix of the new-version mails (lib/orders/notify-owners.ts). */
export const NEW_VERSION_KEY_PREFIX = "new-version:";

/**
 * The outbox stores no headers, so a mail's list headers are rebuilt at delivery from what it is (its
 * dedupe key's prefix) and whom it goes to: new-version mails get the one-click unsubscribe of
 * RFC 8058, pointing at the POST endpoint of their opt-out link. Other mails get none.
 */
export function listHeadersFor(
  mail: { to: string; dedupeKey?: string | null },
  appUrl: string,
  secret: string,
): Record<string, string> | undefined {
  if (!mail.dedupeKey?.startsWith(NEW_VERSION_KEY_PREFIX)) return undefined;
  return {
    "List-Unsubscribe": `<${optOutPostUrl(appUrl, mail.to, secret)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
