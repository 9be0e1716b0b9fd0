import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../scripts/stripe-emulator/emulator.mjs";
import { bookSession, sdkFor, startReceiver } from "./helpers";

let emulator: RunningEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let stripe: Stripe;

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startEmulator({ webhookUrl: receiver.url, webhookSecret: "whsec_page_test", asyncDelayMs: null });
  stripe = sdkFor(emulator.url);
});
afterAll(async () => {
  await emulator.stop();
  await receiver.stop();
});

/** What a browser would take from the page: the form's action and method, its fields, its buttons. */
function readForm(html: string) {
  const form = /<form method="(\w+)" action="([^"]+)"/.exec(html);
  const email = /<input id="email" name="email"[^>]*>/.exec(html)?.[0] ?? "";
  const buttons = [...html.matchAll(/<button type="submit" name="(\w+)" value="(\w+)"[^>]*>([^<]+)<\/button>/g)].map(
    (m) => ({ name: m[1], value: m[2], label: m[3] }),
  );
  return {
    method: form![1].toUpperCase(),
    action: form![2],
    email: {
      tag: email,
      value: /value="([^"]*)"/.exec(email)?.[1] ?? "",
      required: / required/.test(email),
      readonly: / readonly/.test(email),
    },
    buttons,
  };
}

async function submit(pageUrl: string, html: string, button: string, email: string) {
  const form = readForm(html);
  const chosen = form.buttons.find((b) => b.label === button)!;
  return fetch(new URL(form.action, pageUrl), {
    method: form.method,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, [chosen.name]: chosen.value }),
    redirect: "manual",
  });
}

describe("hosted payment page", () => {
  it("shows the items, the total, an empty required email field and the three buttons", async () => {
    const session = await bookSession(stripe);
    const response = await fetch(session.url!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("<title>Stripe test checkout (emulator)</title>");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("The Bindery Handbook");
    expect(html).toContain("Short Stories (PDF)");
    expect(html).toContain("$31.00");
    expect(html).toMatch(/<label for="email">Email<\/label>/);
    const form = readForm(html);
    expect(form).toMatchObject({
      method: "POST",
      action: session.id,
      email: { value: "", required: true, readonly: false },
    });
    expect(form.buttons.map((b) => b.label)).toEqual(["Pay", "Decline", "Pay later (async)"]);
  });

  it("escapes what the store sends", async () => {
    const session = await bookSession(stripe, {
      line_items: [
        {
          quantity: 1,
          price_data: { currency: "usd", unit_amount: 500, product_data: { name: '<script>alert("x")</script>' } },
        },
      ],
    });
    const html = await (await fetch(session.url!)).text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("declines on the page keeping the session open, then pays and 303s to success_url with its id", async () => {
    const session = await bookSession(stripe);
    const pageUrl = session.url!;
    const html = await (await fetch(pageUrl)).text();

    const declined = await submit(pageUrl, html, "Decline", "reader@example.com");
    expect(declined.status).toBe(402);
    const declinedHtml = await declined.text();
    expect(declinedHtml).toMatch(/<div class="alert" role="alert" id="payment-error">Your card was declined/);
    expect(readForm(declinedHtml).email.value).toBe("reader@example.com");
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");

    const noEmail = await submit(pageUrl, html, "Pay", "");
    expect(noEmail.status).toBe(400);
    expect(await noEmail.text()).toContain("Enter a valid email address.");

    const paid = await submit(pageUrl, declinedHtml, "Pay", "reader@example.com");
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`http://127.0.0.1:3000/checkout/success?session_id=${session.id}`);
    const complete = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
    expect(complete).toMatchObject({
      status: "complete",
      payment_status: "paid",
      customer_details: { email: "reader@example.com", name: null },
    });
    expect((complete.payment_intent as Stripe.PaymentIntent).status).toBe("succeeded");

    const after = await fetch(pageUrl);
    expect(await after.text()).toContain("This checkout session is complete: the payment succeeded.");
    const again = await submit(pageUrl, html, "Pay", "reader@example.com");
    expect(again.status).toBe(409);
  });

  it("prefills a read-only customer_email and supports Pay later (async)", async () => {
    const session = await bookSession(stripe, { customer_email: "known@example.com" });
    const html = await (await fetch(session.url!)).text();
    expect(readForm(html).email).toMatchObject({ value: "known@example.com", readonly: true, required: false });
    const response = await submit(session.url!, html, "Pay later (async)", "");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain(session.id);
    const retrieved = await stripe.checkout.sessions.retrieve(session.id);
    expect(retrieved).toMatchObject({
      status: "complete",
      payment_status: "unpaid",
      customer_details: { email: "known@example.com" },
    });
    expect(await (await fetch(session.url!)).text()).toContain("the payment is processing");
  });

  it("says so for an expired or unknown session", async () => {
    const session = await bookSession(stripe);
    await stripe.checkout.sessions.expire(session.id);
    const expired = await fetch(session.url!);
    expect(await expired.text()).toContain("This checkout session has expired.");
    const unknown = await fetch(`${emulator.url}/pay/cs_test_unknown`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("This checkout session does not exist.");
  });
});
