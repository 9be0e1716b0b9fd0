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

/** One order line of the HTML receipt: the title, a download link per file, the price. */
function htmlRow(line: ReceiptInput["lines"][number], currency: string): string {
  const links = line.files.map((file) => `<a href="${escape(file.url)}">Download ${escape(file.name)}</a>`);
  const price = formatMoney(line.unitPriceCents, currency);
  return (
    `<tr><td style="padding:8px 0"><strong>${escape(line.title)}</strong><br>${links.join("<br>")}</td>` +
    `<td style="padding:8px 0;text-align:right;vertical-align:top">${price}</td></tr>`
  );
}

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

  const rows = input.lines.map((line) => htmlRow(line, input.currency)).join("");
  const cell = "padding:8px 0;border-top:1px solid #ddd";
  const totalRow =
    `<tr><td style="${cell}"><strong>Total</strong></td>` +
    `<td style="${cell};text-align:right"><strong>${total}</strong></td></tr>`;
  const library = `<a href="${escape(input.libraryUrl)}">Your library</a>`;
  const claim = input.claimUrl
    ? `<p><a href="${escape(input.claimUrl)}">Create your account</a> to keep your books in a library.</p>`
    : "";
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917;max-width:36rem">
<h1 style="font-family:Georgia,serif">Thank you for your order</h1>
<table style="width:100%;border-collapse:collapse">${rows}
${totalRow}</table>
<p>These download links work for ${input.linkDays} days. ${library} always has fresh ones.</p>
${claim}
<p style="color:#666;font-size:12px">Order ${escape(input.orderId)}</p></body></html>`;
  return {
    to: input.to,
    subject: `Your Bindery order — ${input.lines.map((l) => l.title).join(", ")}`.slice(0, 200),
    text,
    html,
  };
}
