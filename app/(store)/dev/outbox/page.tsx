import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getConfig } from "@/lib/config";
import { listOutbox } from "@/lib/mail/transport";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";

export const metadata: Metadata = { title: "Outbox", robots: PRIVATE_PAGE_ROBOTS };
export const dynamic = "force-dynamic";

/** Mails written instead of sent (no SMTP_URL). Never in production. */
export default async function OutboxPage() {
  const config = getConfig();
  if (config.nodeEnv === "production") notFound();
  const mails = await listOutbox();
  return (
    <section>
      <h1 className="font-serif text-4xl font-bold">Outbox</h1>
      <p className="mt-2 text-stone-700">Mails the shop would have sent. Set SMTP_URL to send them for real.</p>
      {mails.length === 0 && <p className="mt-6 text-stone-700">No mail yet.</p>}
      <ul className="mt-6 space-y-6" data-testid="outbox">
        {mails.map((mail) => (
          <li key={mail.id} className="rounded-lg border border-stone-200 bg-white p-4">
            <p className="text-sm text-stone-600">
              {mail.sentAt} · to <span data-testid="mail-to">{mail.to}</span>
            </p>
            <h2 className="mt-1 font-semibold">{mail.subject}</h2>
            {/* The mail's own HTML, isolated in a sandboxed frame with no scripts. */}
            <iframe
              title={`Mail: ${mail.subject}`}
              sandbox="allow-popups allow-top-navigation-by-user-activation"
              srcDoc={mail.html}
              className="mt-3 h-96 w-full rounded border border-stone-200"
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
