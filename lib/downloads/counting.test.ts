import { describe, expect, it } from "vitest";
import { offloadBackendFor, offloadHeaderValue } from "@/lib/sendfile/offload-header";
import { appAnswerSendsByteZero, classifyDownloadRequest } from "./counting";

const LAST_MODIFIED = "Wed, 02 Dec 2026 11:00:00 GMT";
const ETAG = '"656d7c30-10019"';
const VALIDATORS = [LAST_MODIFIED, ETAG];

describe("classifyDownloadRequest: a GET counts unless it is certainly a partial answer from past byte 0", () => {
  it.each<[string, string | null, string | null, "counts" | "resume"]>([
    ["no Range", null, null, "counts"],
    ["from byte 0", "bytes=0-", null, "counts"],
    ["from byte 0, closed", "bytes=0-99", null, "counts"],
    ["resume", "bytes=1-", null, "resume"],
    ["resume, closed", "bytes=1-99", null, "resume"],
    ["resume, end past the file", "bytes=1-999999999", null, "resume"],
    ["space before =", "bytes =1-", null, "counts"],
    ["space after =", "bytes= 1-", null, "counts"],
    ["tab", "bytes=\t1-", null, "counts"],
    ["capital unit", "Bytes=1-", null, "counts"],
    ["other unit", "items=1-", null, "counts"],
    ["two ranges", "bytes=1-,2-", null, "counts"],
    ["two ranges covering the file", "bytes=0-0,1-", null, "counts"],
    ["suffix", "bytes=-5", null, "counts"],
    ["end before start", "bytes=1-0", null, "counts"],
    ["leading zero", "bytes=01-", null, "counts"],
    ["overflow", "bytes=1-99999999999999999999", null, "counts"],
    ["If-Range: the exact Last-Modified", "bytes=1-", LAST_MODIFIED, "resume"],
    ["If-Range: the exact ETag", "bytes=1-", ETAG, "resume"],
    ["If-Range: one second later", "bytes=1-", "Wed, 02 Dec 2026 11:00:01 GMT", "counts"],
    ["If-Range: one second earlier", "bytes=1-", "Wed, 02 Dec 2026 10:59:59 GMT", "counts"],
    ["If-Range: far future", "bytes=1-", "Fri, 01 Jan 2100 00:00:00 GMT", "counts"],
    ["If-Range: the same second, RFC 850", "bytes=1-", "Wednesday, 02-Dec-26 11:00:00 GMT", "counts"],
    ["If-Range: the same second, asctime", "bytes=1-", "Wed Dec  2 11:00:00 2026", "counts"],
    ["If-Range: lowercase", "bytes=1-", LAST_MODIFIED.toLowerCase(), "counts"],
    ["If-Range: weak ETag", "bytes=1-", `W/${ETAG}`, "counts"],
    ["If-Range: wrong ETag", "bytes=1-", '"bogus"', "counts"],
    ["If-Range: two validators", "bytes=1-", `${ETAG}, ${LAST_MODIFIED}`, "counts"],
    ["If-Range: empty", "bytes=1-", "", "counts"],
    ["If-Range with a malformed Range", "bytes =1-", LAST_MODIFIED, "counts"],
    ["If-Range from byte 0", "bytes=0-", ETAG, "counts"],
  ])("%s (Range %j, If-Range %j) → %s", (_name, range, ifRange, expected) => {
    expect(classifyDownloadRequest({ method: "GET", range, ifRange }, VALIDATORS)).toBe(expected);
  });

  it("an If-Range the answering server would not compare counts, even if another server would", () => {
    expect(classifyDownloadRequest({ method: "GET", range: "bytes=1-", ifRange: ETAG }, [LAST_MODIFIED])).toBe(
      "counts",
    );
    expect(classifyDownloadRequest({ method: "GET", range: "bytes=1-", ifRange: LAST_MODIFIED }, [])).toBe("counts");
  });

  it("HEAD sends no body whatever it asks for", () => {
    expect(classifyDownloadRequest({ method: "HEAD", range: null, ifRange: null }, VALIDATORS)).toBe("no-body");
    expect(classifyDownloadRequest({ method: "HEAD", range: "bytes=0-", ifRange: null }, VALIDATORS)).toBe("no-body");
  });
});

describe("appAnswerSendsByteZero: what the app streams itself", () => {
  const answer = (status: number, headers: Record<string, string> = {}, body: string | null = "x") =>
    new Response(body, { status, headers });
  it.each<[string, Response, boolean]>([
    ["200 with the file", answer(200), true],
    ["206 from byte 0", answer(206, { "Content-Range": "bytes 0-99/1000" }), true],
    ["206 from byte 1", answer(206, { "Content-Range": "bytes 1-99/1000" }), false],
    ["206 from byte 10", answer(206, { "Content-Range": "bytes 10-99/1000" }), false],
    ["304", answer(304, {}, null), false],
    ["416", answer(416, { "Content-Range": "bytes */1000" }, null), false],
    // An offload header means the web server in front sends the bytes, whatever the rest of the answer
    // looks like: these rows would be `true` without it.
    ["nginx/Caddy header on a 200 with a body", answer(200, { "X-Accel-Redirect": "/_protected/a.pdf" }), false],
    ["Apache/lighttpd header on a 200 with a body", answer(200, { "X-Sendfile": "/srv/a.pdf" }), false],
    ["offload header in lower case", answer(200, { "x-sendfile": "/srv/a.pdf" }), false],
    [
      "offload header on a 206 from byte 0",
      answer(206, { "X-Accel-Redirect": "/_protected/a.pdf", "Content-Range": "bytes 0-99/1000" }),
      false,
    ],
    ["an unrelated X- header on a 200", answer(200, { "X-Accel-Buffering": "no" }), true],
  ])("%s → %s", (_name, response, expected) => {
    expect(appAnswerSendsByteZero(response)).toBe(expected);
  });

  it.each(["nginx", "apache", "lighttpd", "caddy"] as const)(
    "%s: the header lib/sendfile offloads with marks the answer as the web server's",
    (name) => {
      const header = offloadBackendFor(name)?.headerName ?? "";
      const value = offloadHeaderValue(name, "/srv/protected/a.pdf", "a.pdf", "/_protected/") ?? "";
      expect(header).not.toBe("");
      expect(value).not.toBe("");
      expect(appAnswerSendsByteZero(answer(200, { [header]: value }))).toBe(false);
      const fromZero = { [header]: value, "Content-Range": "bytes 0-99/1000" };
      expect(appAnswerSendsByteZero(answer(206, fromZero))).toBe(false);
    },
  );

  it("a key Caddy cannot take is streamed by the app, and then its 200 does send byte 0", () => {
    expect(offloadHeaderValue("caddy", "/srv/protected/a b.pdf", "a b.pdf", "/_protected/")).toBeNull();
    expect(appAnswerSendsByteZero(answer(200))).toBe(true);
  });
});
