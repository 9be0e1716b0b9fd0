import { readTextOr413 } from "@/lib/http/body-limit";
import { BadSignatureError, handleStripeEvent, verifyStripeEvent } from "@/lib/payments/webhook";

export const dynamic = "force-dynamic";

/** Stripe webhooks: raw body (at most 1 MB), verified signature; 5xx on a transient failure so Stripe retries. */
export async function POST(request: Request) {
  const rawBody = await readTextOr413(request);
  if (rawBody instanceof Response) return rawBody;
  let event;
  try {
    event = verifyStripeEvent(rawBody, request.headers.get("stripe-signature"));
  } catch (error) {
    if (error instanceof BadSignatureError) return Response.json({ error: "Invalid signature" }, { status: 400 });
    throw error;
  }
  try {
    return Response.json({ received: true, result: await handleStripeEvent(event) });
  } catch (error) {
    console.error(`[stripe] event ${event.id} (${event.type}) failed:`, error);
    return Response.json({ error: "Processing failed; retry later" }, { status: 500 });
  }
}
