import { getConfig } from "@/lib/config";
import { checkOptOutSignature, optOutQuery } from "@/lib/mail/opt-out-link";
import { recordOptOut } from "@/lib/mail/opt-out";

export const dynamic = "force-dynamic";

const plain = (text: string, status: number) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * Records an opt-out from new-version mails: the page's button (?via=page, answered with a redirect back
 * to the page), or a mail client's RFC 8058 one-click POST (answered 200, no redirect). The signed
 * address in the query is the only authority; the body is never read. GET is not served (405).
 */
export async function POST(request: Request) {
  const params = new URL(request.url).searchParams;
  const email = params.get("email");
  const { appUrl, authSecret } = getConfig();
  if (!email || !checkOptOutSignature(email, params.get("sig"), authSecret))
    return plain("This opt-out link is not valid: nothing was changed.\n", 400);
  await recordOptOut(email);
  if (params.get("via") === "page")
    return new Response(null, {
      status: 303,
      headers: { Location: `${appUrl}/mail/opt-out?${optOutQuery(email, authSecret)}`, "Cache-Control": "no-store" },
    });
  return plain("Unsubscribed from new-version mails.\n", 200);
}
