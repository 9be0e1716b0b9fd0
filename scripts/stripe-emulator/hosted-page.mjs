import { StripeApiError } from "./errors.mjs";
import { parseForm } from "./form-body.mjs";
import { readBody, redirect, sendHtml } from "./http.mjs";
import { checkoutPage, closedPage, notFoundPage } from "./page.mjs";
import { completeCheckout, getSession, sessionItems } from "./sessions.mjs";

const OUTCOMES = { pay: "paid", decline: "declined", async: "async" };

/** `GET /pay/:id` shows the hosted payment page; `POST /pay/:id` is its form. */
export function createHostedPage(context) {
  return async function handleHostedPage(request, response, url) {
    const id = decodeURIComponent(url.pathname.slice("/pay/".length).replace(/\/$/, ""));
    let session;
    try {
      session = getSession(context, id);
    } catch {
      return sendHtml(response, 404, notFoundPage());
    }
    if (request.method === "GET") {
      if (session.status !== "open") return sendHtml(response, 200, closedPage(session));
      return sendHtml(response, 200, checkoutPage(session, sessionItems(context, id)));
    }
    if (request.method !== "POST") {
      response.writeHead(405, { Allow: "GET, POST" });
      return response.end();
    }
    const form = parseForm(await readBody(request));
    if (session.status !== "open") return sendHtml(response, 409, closedPage(session));
    const outcome = OUTCOMES[form.action];
    const email = typeof form.email === "string" ? form.email.trim() : "";
    if (!outcome)
      return sendHtml(
        response,
        400,
        checkoutPage(session, sessionItems(context, id), { error: "Choose Pay, Decline or Pay later.", email }),
      );
    try {
      const result = completeCheckout(context, id, { outcome, email });
      if (result.declined) {
        // Stripe Checkout keeps the customer on the page after a decline so they can try again.
        return sendHtml(
          response,
          402,
          checkoutPage(session, sessionItems(context, id), {
            error: "Your card was declined. Try again or use another card.",
            email,
          }),
        );
      }
      return redirect(response, result.redirect);
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      const message = error.body.param === "email" ? "Enter a valid email address." : error.message;
      return sendHtml(response, 400, checkoutPage(session, sessionItems(context, id), { error: message, email }));
    }
  };
}
