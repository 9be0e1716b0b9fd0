import { createServer } from "node:net";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { appPortCheck, expectedDisposition } from "../../deploy/check/checks.mjs";
import * as link from "../../deploy/check/selftest-link.mjs";
import { CANARY_DISPLAY_NAME, CANARY_KEY, SELFTEST_SUBJECT, canaryBytes } from "../../lib/downloads/selftest";
import { checkDownloadSignature, signDownload } from "../../lib/downloads/signed-link";
import { attachmentDisposition } from "../../lib/sendfile/attachment-disposition";
import { freePort } from "../helpers/free-port";

// deploy:check is plain Node and repeats a few of the app's definitions; these keep both in step.
describe("deploy:check and the app agree", () => {
  it("on the self-test subject, canary key and name", () => {
    expect(SELFTEST_SUBJECT).toBe("selftest");
    expect(link.CANARY_KEY).toBe(CANARY_KEY);
    expect(link.CANARY_DISPLAY_NAME).toBe(CANARY_DISPLAY_NAME);
    expect(expectedDisposition()).toBe(attachmentDisposition(CANARY_DISPLAY_NAME));
  });

  it("on the signature: links deploy:check mints are valid for the app", () => {
    const secret = "s".repeat(40);
    expect(link.signDownload("selftest", 1_900_000_000, secret)).toBe(signDownload("selftest", 1_900_000_000, secret));
    const query = new URLSearchParams(link.selftestPath(secret, 60).split("?")[1]);
    expect(checkDownloadSignature(SELFTEST_SUBJECT, query.get("expires"), query.get("sig"), secret)).toBe("valid");
    expect(checkDownloadSignature(SELFTEST_SUBJECT, query.get("expires"), query.get("sig"), "t".repeat(40))).toBe(
      "invalid",
    );
  });
});

describe("the canary", () => {
  it("is a one-page PDF, the same bytes every time, with every byte value in it", async () => {
    const bytes = canaryBytes();
    expect(bytes.equals(canaryBytes())).toBe(true);
    expect(new Set(bytes).size).toBe(256);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
  });
});

describe("the app-port check", () => {
  const publicHost = () => false;

  it("fails when the app's port answers at the public address", async () => {
    const listener = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => listener.once("listening", resolve));
    const address = listener.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const result = await appPortCheck(new URL("http://127.0.0.1/"), port, publicHost);
      expect(result.status).toBe("FAIL");
      expect(result.fix).toContain("HOSTNAME=127.0.0.1");
    } finally {
      listener.close();
    }
  });

  it("passes when nothing answers there, and is skipped for a loopback URL", async () => {
    const port = await freePort();
    expect((await appPortCheck(new URL("http://127.0.0.1/"), port, publicHost)).status).toBe("PASS");
    expect((await appPortCheck(new URL("http://127.0.0.1/"), port)).status).toBe("SKIP");
  });
});
