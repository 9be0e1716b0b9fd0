import { formatAmount } from "./sessions.mjs";

const TITLE = "Stripe test checkout (emulator)";

const escape = (value) =>
  String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f6f8fa; color: #1a1f36; }
  main {
    max-width: 32rem; margin: 2rem auto; padding: 1.5rem;
    background: #fff; border-radius: 8px; box-shadow: 0 1px 3px #0002;
  }
  .test-mode {
    display: inline-block; background: #ffde92; color: #5f3d00;
    font-weight: 600; font-size: .85rem; padding: .1rem .5rem; border-radius: 4px;
  }
  h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 1rem; }
  th, td { text-align: left; padding: .4rem 0; border-bottom: 1px solid #e3e8ee; }
  td.amount, th.amount { text-align: right; }
  tfoot td { font-weight: 700; border-bottom: 0; }
  label { display: block; font-weight: 600; margin-bottom: .25rem; }
  input[type=email] {
    width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; border: 1px solid #8792a2; border-radius: 4px;
  }
  input[readonly] { background: #f6f8fa; }
  .buttons { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: 1rem; }
  button {
    font: inherit; padding: .6rem 1.2rem; border-radius: 4px;
    border: 1px solid #635bff; background: #fff; color: #4b44d6; cursor: pointer;
  }
  button.primary { background: #635bff; color: #fff; }
  button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #0a66c2; outline-offset: 2px; }
  .alert { background: #fde8e8; color: #8b1a1a; border: 1px solid #f5b5b5; padding: .75rem; border-radius: 4px; }
  .hint { color: #57606a; font-size: .85rem; }
`;

function layout(body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${TITLE}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<span class="test-mode">Test mode: no real payment</span>
<h1>${TITLE}</h1>
${body}
</main>
</body>
</html>
`;
}

/** The payment form for an open session; `error` is shown as an alert above it. */
export function checkoutPage(session, items, { error, email } = {}) {
  const rows = items
    .map(
      (item) =>
        `<tr><td>${escape(item.description)}</td><td>${item.quantity}</td>` +
        `<td class="amount">${formatAmount(item.amount_total, item.currency)}</td></tr>`,
    )
    .join("\n");
  const fixedEmail = session.customer_email;
  const emailValue = fixedEmail ?? email ?? "";
  const back = session.cancel_url
    ? `<p><a href="${escape(session.cancel_url)}">Cancel and return to the store</a></p>`
    : "";
  return layout(`
${error ? `<div class="alert" role="alert" id="payment-error">${escape(error)}</div>` : ""}
<section aria-labelledby="summary-heading">
<h2 id="summary-heading">Order summary</h2>
<table>
<thead><tr><th scope="col">Item</th><th scope="col">Qty</th><th scope="col" class="amount">Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="2">Total due</td>
<td class="amount" id="total">${formatAmount(session.amount_total, session.currency)}</td></tr></tfoot>
</table>
</section>
<form method="post" action="${escape(session.id)}"${error ? ' aria-describedby="payment-error"' : ""}>
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email"
  value="${escape(emailValue)}"${fixedEmail ? " readonly" : " required"}>
<p class="hint">The card is simulated: choose how the payment should end.</p>
<div class="buttons">
<button type="submit" name="action" value="pay" class="primary">Pay</button>
<button type="submit" name="action" value="decline" formnovalidate>Decline</button>
<button type="submit" name="action" value="async">Pay later (async)</button>
</div>
</form>
${back}`);
}

/** A session that can no longer be paid (completed or expired). */
export function closedPage(session) {
  const message =
    session.status === "expired"
      ? "This checkout session has expired. Return to the store to start a new one."
      : session.payment_status === "paid"
        ? "This checkout session is complete: the payment succeeded. You can close this page."
        : "This checkout session is complete: the payment is processing. You can close this page.";
  const link =
    session.status === "complete"
      ? session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id)
      : session.cancel_url;
  return layout(
    `<p role="status">${escape(message)}</p>${link ? `<p><a href="${escape(link)}">Return to the store</a></p>` : ""}`,
  );
}

export function notFoundPage() {
  return layout(`<p role="alert">This checkout session does not exist.</p>`);
}
