import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedQuery } from "../../../lib/downloads/signed-link";
import { attachmentDisposition } from "../../../lib/sendfile/attachment-disposition";
import { DEMO, signIn } from "../../helpers/http-session";
import {
  AWKWARD_NAMES,
  importFile,
  seededGrants,
  type ImportedFile,
  type SeededGrant,
} from "../../helpers/servers/imported-files";
import { headOnTheWire, interruptedDownload, postBody, request, type Answer } from "../../helpers/servers/raw-http";
import { startStack, type Stack } from "../../helpers/servers/stack";
import type { ServerName } from "../../helpers/servers/web-server";
import { StoreDb } from "../../helpers/store-db";
import { expectNoFileBytes, expectNoLeak } from "./expectations";
import { probePaths } from "./probe-paths";
import { ageFile, expectExhaustedRefusesEverySpelling, runSpellingTable, type SpellingTarget } from "./spelling-table";

export interface ServerBehaviour {
  /** How the app hands a file to this server (docs/ARCHITECTURE.md, "Offload status codes"). */
  offload: { status: 200 | 204; header: "x-accel-redirect" | "x-sendfile" };
  /** Whether the server sends an ETag for offloaded files (and so answers If-None-Match with 304). */
  etag: boolean;
  /** Whether the app offloads the awkward names, or streams them itself (Caddy). */
  offloadsAwkwardNames: boolean;
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const BOOK_SIZE = 1024 * 1024;
const IMMUTABLE = "public, max-age=31536000, immutable";

/** The whole download contract, checked through one real web server rendered from deploy/. */
export function describeDownloadsThrough(
  server: ServerName,
  behaviour: ServerBehaviour,
  /** More tests for this server, sharing its stack. */
  more?: (stack: () => Stack) => void,
): void {
  const { status: offloadStatus, header: offloadHeader } = behaviour.offload;
  const awkwardNamesBy = behaviour.offloadsAwkwardNames ? `offloaded to ${server}` : "streamed by the app";
  describe(`downloads through ${server}`, () => {
    let stack: Stack;
    let db: StoreDb;
    let seeded: SeededGrant;
    let book: ImportedFile;
    const awkward = new Map<string, ImportedFile>();
    const answers: Answer[] = [];
    const secret = () => stack.store.env.AUTH_SECRET ?? "";
    const link = (grantId: string, ttl = 600) => `/api/downloads/${grantId}?${signedQuery(grantId, ttl, secret())}`;
    /** Through the web server; every answer is kept for the leak check at the end. */
    const get = async (pathAndQuery: string, headers: Record<string, string> = {}, method = "GET") => {
      const answer = await request(stack.url, method, pathAndQuery, headers);
      answers.push(answer);
      return answer;
    };

    beforeAll(async () => {
      stack = await startStack(server);
      db = new StoreDb(stack.store.env.DATABASE_URL ?? "");
      const first = (await seededGrants(db))[0];
      if (!first) throw new Error("the seed created no grant");
      seeded = first;
      const root = stack.store.env.PROTECTED_ROOT ?? "";
      book = await importFile(db, root, "book", BOOK_SIZE);
      for (const name of AWKWARD_NAMES) awkward.set(name, await importFile(db, root, name, 48 * 1024));
    }, 120_000);

    afterAll(async () => {
      await db?.close();
      await stack?.stop();
    });

    it("sends a seeded book with its exact bytes, type, attachment name and nosniff", async () => {
      const answer = await get(link(seeded.grantId));
      expect(answer.status).toBe(200);
      expect(sha256(answer.body)).toBe(seeded.sha256);
      expect(answer.body.equals(readFileSync(path.join(stack.store.env.PROTECTED_ROOT ?? "", seeded.storageKey)))).toBe(
        true,
      );
      expect(answer.headers["content-type"]).toBe(seeded.contentType);
      expect(answer.headers["content-disposition"]).toBe(attachmentDisposition(seeded.displayName));
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.headers["cache-control"]).toBe("private");
      expect(Number(answer.headers["content-length"])).toBe(seeded.size);
    });

    it(`gets the file from ${server}, not the app: it answers ${offloadStatus} with ${offloadHeader}`, async () => {
      const fromApp = await request(stack.app.url, "GET", link(book.grantId));
      expect(fromApp.status).toBe(behaviour.offload.status);
      expect(fromApp.body.length).toBe(0);
      expect(fromApp.headers[behaviour.offload.header]).toBeTruthy();

      const through = await get(link(book.grantId));
      expect(through.status).toBe(200);
      expect(sha256(through.body)).toBe(book.sha256);
      expect(through.headers["content-disposition"]).toBe(attachmentDisposition("book.pdf"));
    });

    it("answers Range with 206 and the exact slice, including suffix and open-ended ranges", async () => {
      const cases: [string, number, number][] = [
        ["bytes=1000-2999", 1000, 2999],
        ["bytes=-100", book.bytes.length - 100, book.bytes.length - 1],
        [`bytes=${book.bytes.length - 10}-`, book.bytes.length - 10, book.bytes.length - 1],
      ];
      for (const [range, start, end] of cases) {
        const answer = await get(link(book.grantId), { Range: range });
        expect(answer.status, range).toBe(206);
        expect(answer.headers["content-range"], range).toBe(`bytes ${start}-${end}/${book.bytes.length}`);
        expect(answer.body.equals(book.bytes.subarray(start, end + 1)), range).toBe(true);
      }
    });

    it("resumes an interrupted download into the whole file", async () => {
      const url = link(book.grantId);
      const partial = await interruptedDownload(stack.url, url, 128 * 1024);
      expect(partial.length).toBeLessThan(book.bytes.length);
      const rest = await get(url, { Range: `bytes=${partial.length}-` });
      expect(rest.status).toBe(206);
      expect(sha256(Buffer.concat([partial, rest.body]))).toBe(book.sha256);
    });

    it("answers an unsatisfiable Range with 416 and none of the file", async () => {
      const answer = await get(link(book.grantId), { Range: `bytes=${book.bytes.length + 10}-` });
      expect(answer.status).toBe(416);
      expectNoFileBytes(answer, book.bytes);
    });

    it(`answers If-Modified-Since${behaviour.etag ? " and If-None-Match" : ""} with 304`, async () => {
      const first = await get(link(book.grantId));
      const lastModified = String(first.headers["last-modified"]);
      expect(Date.parse(lastModified)).not.toBeNaN();
      const byDate = await get(link(book.grantId), { "If-Modified-Since": lastModified });
      expect(byDate.status).toBe(304);
      expect(byDate.body.length).toBe(0);
      if (behaviour.etag) {
        const byTag = await get(link(book.grantId), { "If-None-Match": String(first.headers.etag) });
        expect(byTag.status).toBe(304);
        expect(byTag.body.length).toBe(0);
      } else {
        // Apache: mod_xsendfile 0.12 would send the same ETag ("0") for every file, so deploy/ turns it off.
        expect(first.headers.etag).toBeUndefined();
      }
    });

    it("answers HEAD with the file's headers and no body on the wire", async () => {
      const answer = await get(link(book.grantId), {}, "HEAD");
      expect(answer.status).toBe(200);
      expect(Number(answer.headers["content-length"])).toBe(book.bytes.length);
      expect(answer.headers["content-disposition"]).toBe(attachmentDisposition("book.pdf"));
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      const wire = await headOnTheWire(stack.url, link(book.grantId));
      expect(wire.statusLine).toMatch(/^HTTP\/1\.1 200 /);
      expect(wire.extraBytes).toBe(0);
    });

    it("never serves a protected file to a client asking for it by path", async () => {
      const root = stack.store.env.PROTECTED_ROOT ?? "";
      const targets = [
        { key: seeded.storageKey, bytes: readFileSync(path.join(root, seeded.storageKey)) },
        { key: book.storageKey, bytes: book.bytes },
      ];
      for (const { key, bytes } of targets) {
        for (const probe of probePaths(key, stack.store.env)) {
          expectNoFileBytes(await get(probe), bytes);
        }
      }
    });

    it("refuses a bad signature (404) and an expired link (410) in the app's words, none of the file", async () => {
      const good = link(book.grantId);
      const tampered = good.replace(/sig=([0-9a-f])/, (_, first: string) => `sig=${first === "0" ? "1" : "0"}`);
      const bad = await get(tampered);
      expect(bad.status).toBe(404);
      expect(bad.body.toString()).toContain("Download not found");
      expectNoFileBytes(bad, book.bytes);

      const expired = await get(`/api/downloads/${book.grantId}?${signedQuery(book.grantId, -60, secret())}`);
      expect(expired.status).toBe(410);
      expectNoFileBytes(expired, book.bytes);
    });

    it("refuses a revoked grant with the app's 403 page and none of the file", async () => {
      const revoked = await importFile(db, stack.store.env.PROTECTED_ROOT ?? "", "revoked", 32 * 1024);
      await db.revoke(revoked.grantId);
      const answer = await get(link(revoked.grantId));
      expect(answer.status).toBe(403);
      expect(String(answer.headers["content-type"])).toContain("text/html");
      expect(answer.headers["content-disposition"]).toBeUndefined();
      expectNoFileBytes(answer, revoked.bytes);
      const head = await get(link(revoked.grantId), {}, "HEAD");
      expect(head.status).toBe(403);
      expect(head.headers["content-disposition"]).toBeUndefined();
    });

    describe("counting (docs/downloads.md): whatever the Range and If-Range spelling", () => {
      const target = async (name: string): Promise<SpellingTarget> => {
        const root = stack.store.env.PROTECTED_ROOT ?? "";
        const file = await importFile(db, root, name, 64 * 1024);
        ageFile(path.join(root, file.storageKey));
        return {
          db,
          file: { path: path.join(root, file.storageKey), bytes: file.bytes, grantId: file.grantId },
          send: (grantId, headers, method) => get(link(grantId), headers, method),
        };
      };
      let etag: string | undefined;

      it(`every byte received from ${server} used a download; none used: a partial answer without byte 0`, async () => {
        ({
          context: { etag },
        } = await runSpellingTable(await target("spellings"), server));
      });

      it("an exhausted grant gives no byte to any spelling, even just after its last counted download", async () => {
        await expectExhaustedRefusesEverySpelling(await target("exhausted"), etag);
      });
    });

    it("serves the owner signed in through the server, and 404s another account", async () => {
      const reader = await signIn(stack.url, DEMO.reader.email, DEMO.reader.password);
      const owned = await get(`/api/downloads/${book.grantId}`, { Cookie: reader });
      expect(owned.status).toBe(200);
      expect(sha256(owned.body)).toBe(book.sha256);

      const staff = await signIn(stack.url, DEMO.staff.email, DEMO.staff.password);
      const other = await get(`/api/downloads/${book.grantId}`, { Cookie: staff });
      expect(other.status).toBe(404);
      expectNoFileBytes(other, book.bytes);

      const anonymous = await get(`/api/downloads/${book.grantId}`);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.location).toMatch(/^\/signin\?callbackUrl=/);
    });

    describe.each(AWKWARD_NAMES.map((name) => [name]))("an imported file named %j", (name) => {
      it(`downloads exactly (${awkwardNamesBy}), whole and by range`, async () => {
        const file = awkward.get(name);
        if (!file) throw new Error(`no file for ${name}`);
        const fromApp = await request(stack.app.url, "HEAD", link(file.grantId));
        const offloaded = fromApp.headers[behaviour.offload.header] !== undefined;
        // "..foo" is plain ASCII: even Caddy takes it.
        expect(offloaded).toBe(behaviour.offloadsAwkwardNames || name === "..foo");

        const whole = await get(link(file.grantId));
        expect(whole.status).toBe(200);
        expect(sha256(whole.body)).toBe(file.sha256);
        expect(whole.headers["content-disposition"]).toBe(attachmentDisposition(file.displayName));
        expect(whole.headers["x-content-type-options"]).toBe("nosniff");

        const slice = await get(link(file.grantId), { Range: "bytes=5-24" });
        expect(slice.status).toBe(206);
        expect(slice.body.equals(file.bytes.subarray(5, 25))).toBe(true);
      });
    });

    it("serves public media and build assets itself, with their headers", async () => {
      const media = stack.store.env.MEDIA_ROOT ?? "";
      const covers = readdirSync(path.join(media, "covers"));
      const cover = covers.find((name) => name.endsWith(".png"));
      if (!cover) throw new Error("the seed wrote no cover");
      const answer = await get(`/media/covers/${cover}`);
      expect(answer.status).toBe(200);
      expect(answer.body.equals(readFileSync(path.join(media, "covers", cover)))).toBe(true);
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(String(answer.headers["content-security-policy"])).toContain("default-src 'none'");

      // Covers' copies and samples never change meaning (a new upload, a new name): kept a year, with the
      // same security headers as the rest of /media/. Anything else there is kept an hour.
      mkdirSync(path.join(media, "samples"), { recursive: true });
      writeFileSync(path.join(media, "samples", "0123456789abcdef0123456789abcdef.pdf"), "%PDF-1.7\n%%EOF\n");
      writeFileSync(path.join(media, "logo.png"), Buffer.from("89504e470d0a1a0a", "hex"));
      const copy = (format: string) => covers.find((name) => name.endsWith(`-w320.${format}`)) ?? "";
      for (const [file, type, cacheControl] of [
        [`covers/${cover}`, "image/png", IMMUTABLE],
        [`covers/${copy("avif")}`, "image/avif", IMMUTABLE],
        [`covers/${copy("webp")}`, "image/webp", IMMUTABLE],
        ["samples/0123456789abcdef0123456789abcdef.pdf", "application/pdf", IMMUTABLE],
        ["logo.png", "image/png", "public, max-age=3600"],
      ]) {
        const served = await get(`/media/${file}`);
        expect(served.status, file).toBe(200);
        expect(served.body.equals(readFileSync(path.join(media, file ?? ""))), file).toBe(true);
        expect(served.headers["content-type"], file).toBe(type);
        expect(served.headers["cache-control"], file).toBe(cacheControl);
        expect(served.headers["x-content-type-options"], file).toBe("nosniff");
        expect(served.headers["referrer-policy"], file).toBe("strict-origin-when-cross-origin");
        expect(String(served.headers["content-security-policy"]), file).toContain("default-src 'none'");
      }

      const chunk = findStaticAsset();
      const asset = await get(`/_next/static/${chunk}`);
      expect(asset.status).toBe(200);
      expect(String(asset.headers["cache-control"])).toContain("immutable");
    });

    it("logs the real client address, whatever X-Bindery-Peer or X-Forwarded-For the client wrote", async () => {
      const forged = {
        "X-Bindery-Peer": "6.6.6.6",
        x_bindery_peer: "6.6.6.7",
        "X-Forwarded-For": "6.6.6.8",
        "User-Agent": "forged-peer-test",
      };
      const answer = await get(link(book.grantId), forged);
      expect(answer.status).toBe(200);
      const rows = (await db.events(book.grantId)).filter((row) => row.userAgent === "forged-peer-test");
      expect(rows).toHaveLength(1);
      expect(rows[0]?.ip).toBe("127.0.0.1");
    });

    it("keeps signed links' sig out of its access log, and logs the download path", async () => {
      const query = signedQuery(book.grantId, 600, secret());
      const sig = new URLSearchParams(query).get("sig") ?? "";
      expect(sig).toMatch(/^[0-9a-f]{32,}$/);
      expect((await get(`/api/downloads/${book.grantId}?${query}`)).status).toBe(200);
      const deadline = Date.now() + 10_000;
      let log = "";
      // lighttpd writes its access log in batches.
      while (!log.includes(`/api/downloads/${book.grantId}`) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        log = readFileSync(stack.web.accessLog, "utf8");
      }
      expect(log).toContain(`/api/downloads/${book.grantId}`);
      expect(log).not.toContain(sig);
    });

    it("refuses a 2 MB webhook body with 413, and still takes a 2 MB upload on the upload route", async () => {
      // Caddy 2.6 answers 413, but its Go server may reset the connection before a client still
      // writing the body has read that answer: refused either way (deploy/caddy/README.md).
      const refused = server === "caddy" ? [413, 0] : [413];
      for (const mode of ["announced", "chunked"] as const) {
        expect(refused).toContain(
          await postBody(stack.url, "/api/stripe/webhook", 2 * 1024 * 1024, mode, { "Stripe-Signature": "t=1,v1=00" }),
        );
      }

      const admin = await signIn(stack.url, DEMO.admin.email, DEMO.admin.password);
      const pdf = Buffer.alloc(2 * 1024 * 1024, 0x20);
      pdf.write("%PDF-1.7\n% upload through the web server\n");
      const upload = await fetch(
        `${stack.url}/api/admin/books/${(await db.file(seeded.displayName)).productId}/files` +
          `?name=${encodeURIComponent("Through the server.pdf")}`,
        {
          method: "POST",
          headers: { cookie: admin, origin: stack.url, "content-type": "application/pdf" },
          body: pdf,
        },
      );
      expect(upload.status).toBe(201);
      const { file } = (await upload.json()) as { file: { size: number; sha256: string } };
      expect(file.size).toBe(pdf.length);
      expect(file.sha256).toBe(sha256(pdf));
    });

    more?.(() => stack);

    it("never let an offload header or a file path reach the client in any answer above", () => {
      expect(answers.length).toBeGreaterThan(60);
      for (const answer of answers) expectNoLeak(answer, stack.store.dir);
    });
  });
}

function findStaticAsset(): string {
  const root = path.resolve(__dirname, "../../../.next/standalone/.next/static");
  const chunks = readdirSync(path.join(root, "chunks")).filter((name) => name.endsWith(".js"));
  const [first] = chunks;
  if (!first) throw new Error(`no built chunk under ${root}`);
  return `chunks/${first}`;
}
