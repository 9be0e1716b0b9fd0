import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { digestAuthorization, htdigestLine } from "../../helpers/servers/digest-auth";
import { request } from "../../helpers/servers/raw-http";
import { describeDownloadsThrough } from "./download-suite";
import { stampedCopiesAreOffloaded } from "./stamped-offload";

// X-Sendfile through mod_xsendfile 0.12; no ETag on offloaded files (see deploy/apache/README.md).
describeDownloadsThrough(
  "apache",
  { offload: { status: 200, header: "x-sendfile" }, etag: false, offloadsAwkwardNames: true },
  (stack) => {
    stampedCopiesAreOffloaded(stack, "x-sendfile");

    it("puts no Digest login on /admin unless asked", async () => {
      const answer = await request(stack().url, "GET", "/admin");
      expect(answer.status).not.toBe(401);
      expect(answer.headers["www-authenticate"]).toBeUndefined();
    });

    it("with --admin-digest, asks for an htdigest login on /admin before the app's own", async () => {
      const realm = "Bindery admin";
      const file = path.join(stack().store.dir, "bindery.htdigest");
      writeFileSync(file, htdigestLine("alice", realm, "correct horse"), { mode: 0o644 });
      const guarded = await stack().startVariant("digest", { options: { adminDigestFile: file } });

      const challenge = await request(guarded.url, "GET", "/admin");
      expect(challenge.status).toBe(401);
      const header = String(challenge.headers["www-authenticate"]);
      expect(header).toMatch(/^Digest /);
      expect(header).toContain(`realm="${realm}"`);

      const wrong = await request(guarded.url, "GET", "/admin", {
        Authorization: digestAuthorization(header, "GET", "/admin", "alice", "wrong"),
      });
      expect(wrong.status).toBe(401);
      const right = await request(guarded.url, "GET", "/admin", {
        Authorization: digestAuthorization(header, "GET", "/admin", "alice", "correct horse"),
      });
      expect(right.status).not.toBe(401);
      // Past the Digest lock, the app's own check still applies: no session, no admin page.
      expect([303, 307].includes(right.status) || right.body.toString().includes("Sign in")).toBe(true);

      // The admin API too (uploads, exports).
      for (const uri of ["/api/admin/exports/orders", "/api/admin/books/x/files", "/api/admin", "/admin/books/new"]) {
        expect((await request(guarded.url, "POST", uri)).status, uri).toBe(401);
      }
      const exportUri = "/api/admin/exports/orders";
      const lockedExport = await request(guarded.url, "GET", exportUri);
      expect(lockedExport.status).toBe(401);
      const exportChallenge = String(lockedExport.headers["www-authenticate"]);
      const pastLock = await request(guarded.url, "GET", exportUri, {
        Authorization: digestAuthorization(exportChallenge, "GET", exportUri, "alice", "correct horse"),
      });
      expect(pastLock.status).not.toBe(401);
      // Past the lock, the app's own role check: no session, no export.
      expect(pastLock.status).not.toBe(200);

      expect((await request(guarded.url, "GET", "/api/health")).status).toBe(200);
      expect((await request(guarded.url, "GET", "/api/administrator")).status).not.toBe(401);
    });
  },
);
