import { formatMoney } from "@/lib/catalog/money";
import type { Mail } from "./transport";

export interface ReceiptInput {
  to: string;
  orderId: string;
  currency: string;
  totalCents: number;
  lines: { title: string; unitPriceCents: number; files: { name: string; url: string }[] }[];
  libraryUrl: string;
  /** For a buyer without an account: a link to set a password and keep the books in a library. */
  claimUrl: string | null;
  linkDays: number;
}

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The receipt: order lines, total, and download links (HTML and plain text). */
export function buildReceipt(input: ReceiptInput): Mail {
  const total = formatMoney(input.totalCents, input.currency);
  const text = [
    "Thank you for your order.",
    "",
    ...input.lines.flatMap((line) => [
      `${line.title} — ${formatMoney(line.unitPriceCents, input.currency)}`,
      ...line.files.map((file) => `  Download ${file.name}: ${file.url}`),
    ]),
    "",
    `Total: ${total}`,
    `Order: ${input.orderId}`,
    "",
    `These download links work for ${input.linkDays} days. Your library always has fresh ones: ${input.libraryUrl}`,
    ...(input.claimUrl ? ["", `Create your account to keep your books in a library: ${input.claimUrl}`] : []),
  ].join("\n");

  const rows = input.lines
    .map(
      (line) =>
        `<tr><td style="padding:8px 0"><strong>${escape(line.title)}</strong><br>${line.files
          .map((file) => `<a href="${escape(file.url)}">Download ${escape(file.name)}</a>`)
          .join(
            "<br>",
          )}</td><td style="padding:8px 0;text-align:right;vertical-align:top">${formatMoney(line.unitPriceCents, input.currency)}</td></tr>`,
    )
    .join("");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917;max-width:36rem">
<h1 style="font-family:Georgia,serif">Thank you for your order</h1>
<table style="width:100%;border-collapse:collapse">${rows}
<tr><td style="padding:8px 0;border-top:1px solid #ddd"><strong>Total</strong></td><td style="padding:8px 0;border-top:1px solid #ddd;text-align:right"><strong>${total}</strong></td></tr></table>
<p>These download links work for ${input.linkDays} days. <a href="${escape(input.libraryUrl)}">Your library</a> always has fresh ones.</p>
${input.claimUrl ? `<p><a href="${escape(input.claimUrl)}">Create your account</a> to keep your books in a library.</p>` : ""}
<p style="color:#666;font-size:12px">Order ${escape(input.orderId)}</p></body></html>`;
  return {
    to: input.to,
    subject: `Your Bindery order — ${input.lines.map((l) => l.title).join(", ")}`.slice(0, 200),
    text,
    html,
  };
}
