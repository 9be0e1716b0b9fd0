import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  messageId: string | null;
}

/**
 * A real SMTP server (Nodemailer's smtp-server) on 127.0.0.1 that records what it accepts. It can
 * refuse the next N messages (a 4xx as a busy server would, or a 5xx as a broken one), or all of them
 * until told otherwise.
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  let refuseNext = 0;
  let refusalCode = 451;
  let refuseAll = false;
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refuseAll || refuseNext > 0) {
          refuseNext = Math.max(0, refuseNext - 1);
          refused += 1;
          return callback(
            Object.assign(new Error(refusalCode >= 500 ? "Transaction failed" : "Mailbox busy, try again later"), {
              responseCode: refusalCode,
            }),
          );
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          messageId: /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("smtp server has no port");
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    to: (email: string) => received.filter((mail) => mail.to.includes(email)),
    refused: () => refused,
    /** Refuses the next `count` messages with `code` (451 by default). */
    refuseNext(count: number, code = 451) {
      refuseNext = count;
      refusalCode = code;
    },
    refuseEverything(on: boolean) {
      refuseAll = on;
      refusalCode = 451;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/** Polls `check` until it holds (mail is delivered in the background); fails with `what` after a while. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
