import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app-server";
import { startShop, type Shop } from "../helpers/shop";
import { startSmtpServer, waitFor, type SmtpServer } from "../helpers/smtp";

// Receipts go through the OutboxMail table to a real SMTP server started here. Retries are 1 s apart
// (doubling) and the sender looks for due mail every second, so a test waits seconds, not minutes.
let smtp: SmtpServer;
let shop: Shop;
let restarted: RunningApp | undefined;

beforeAll(async () => {
  smtp = await startSmtpServer();
  shop = await startShop("mail-outbox", { SMTP_URL: smtp.url, MAIL_RETRY_BASE_SECONDS: "1", MAIL_POLL_SECONDS: "1" });
});
afterAll(async () => {
  await restarted?.stop();
  await shop?.stop();
  await smtp?.stop();
});

const outboxRows = (email: string) =>
  shop.db.prisma.outboxMail.findMany({
    where: { to: email },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, to: true, dedupeKey: true, attempts: true, lastError: true, sentAt: true },
  });
const orderStatus = async (id: string) =>
  (await shop.db.prisma.order.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

async function paidOrder(app: RunningApp, email: string): Promise<string> {
  const slug = "letters-from-the-lighthouse";
  const id = await shop.db.productId(slug);
  const response = await fetch(`${app.url}/api/checkout`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: app.url, cookie: `bindery_cart=${id}` },
  });
  const sessionId = (response.headers.get("location") ?? "").split("/pay/")[1] ?? "";
  expect(sessionId).toMatch(/^cs_/);
  await fetch(`${shop.emulator.url}/_emulator/sessions/${sessionId}/pay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ outcome: "paid", email }),
  });
  await shop.emulator.idle();
  const order = await shop.db.prisma.order.findUniqueOrThrow({
    where: { stripeCheckoutSessionId: sessionId },
    select: { id: true },
  });
  return order.id;
}

describe("receipts through the outbox and SMTP", () => {
  it("a mail server that accepts: the receipt arrives once, over SMTP, with its download links", async () => {
    const email = "smtp-plain@example.com";
    const orderId = await paidOrder(shop.app, email);
    expect(await orderStatus(orderId)).toBe("PAID");
    await waitFor(() => smtp.to(email).length > 0, "the receipt");
    const [mail] = smtp.to(email);
    expect(mail.raw).toContain(`Order: ${orderId}`);
    expect(mail.raw).toMatch(/\/api\/downloads\//);
    const [row] = await outboxRows(email);
    expect(row).toMatchObject({ dedupeKey: `receipt:${orderId}`, attempts: 1, lastError: null });
    expect(row.sentAt).not.toBeNull();
  });

  it.each([451, 554])(
    "a mail server refusing with %i for a while: the receipt arrives once it accepts, after retries, error kept",
    async (code) => {
      const email = `smtp-refusing-${code}@example.com`;
      smtp.refuseNext(2, code);
      const refusedBefore = smtp.refused();
      const orderId = await paidOrder(shop.app, email);
      // The payment is recorded even though the mail could not go out.
      expect(await orderStatus(orderId)).toBe("PAID");
      await waitFor(async () => (await outboxRows(email))[0]?.sentAt != null, "the receipt to be marked sent");
      expect(smtp.refused() - refusedBefore).toBe(2);
      expect(smtp.to(email)).toHaveLength(1);
      const [row] = await outboxRows(email);
      expect(row.attempts).toBe(3);
      expect(row.lastError).toContain(String(code));
    },
  );

  it("killed between recording the payment and delivering the receipt: delivered once after restart", async () => {
    const email = "smtp-crash@example.com";
    smtp.refuseEverything(true);
    const orderId = await paidOrder(shop.app, email);
    expect(await orderStatus(orderId)).toBe("PAID");
    await waitFor(async () => ((await outboxRows(email))[0]?.attempts ?? 0) >= 1, "a failed delivery attempt");
    expect((await outboxRows(email))[0].sentAt).toBeNull();

    const serverPid = shop.app.serverPid();
    process.kill(serverPid, "SIGKILL");
    await shop.app.stop();
    expect(smtp.to(email)).toHaveLength(0);

    smtp.refuseEverything(false);
    restarted = await startApp(shop.store.env);
    shop.emulator.setWebhook({ url: `${restarted.url}/api/stripe/webhook` });
    await waitFor(
      async () => (await outboxRows(email))[0]?.sentAt != null,
      "the receipt to be delivered after the restart",
    );
    expect(smtp.to(email)).toHaveLength(1);
    expect(smtp.to(email)[0].raw).toContain(`Order: ${orderId}`);

    // A later pass of the sender, and a repeated checkout event, send nothing more.
    const [completed] = shop.emulator
      .events()
      .filter((e) => e.type === "checkout.session.completed" && e.event.data.object.client_reference_id === orderId);
    expect(completed).toBeDefined();
    await fetch(`${shop.emulator.url}/_emulator/events/${completed.id}/resend`, { method: "POST" });
    await shop.emulator.idle();
    // Proof that the sender has made a pass since: a receipt refused at once is delivered by a later pass,
    // which would also have sent anything of the first receipt left or queued again.
    const next = "smtp-after-restart@example.com";
    smtp.refuseNext(1, 451);
    await paidOrder(restarted, next);
    await waitFor(async () => (await outboxRows(next))[0]?.sentAt != null, "the sender to deliver the next receipt");
    expect((await outboxRows(next))[0].attempts).toBe(2);
    expect(smtp.to(email)).toHaveLength(1);
    expect(await outboxRows(email)).toHaveLength(1);
  });
});
