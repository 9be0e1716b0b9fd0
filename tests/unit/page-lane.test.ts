import { createServer, get as httpGet, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { dropPageCopies, pageCopies } from "@/lib/catalog/page-copies";
import { takePageRequest } from "@/lib/catalog/page-lane";
import { setDatabaseOutage } from "@/lib/db/outage-flag";
import { cachedPagePolicy } from "@/lib/http/security-headers.mjs";

// The page lane in front of a stand-in for Next: a real HTTP server that offers each request to the lane
// first, as scripts/server-preload.cjs does, and otherwise answers as Next does for a shared cached page
// (or as the test tells it to). What the lane keeps, serves and drops is observed from the client's side.

type NextAnswer = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

let server: Server;
let base: string;
let nextAnswers = 0;
let answerAsNext: NextAnswer;

const sharedPage =
  (body: string): NextAnswer =>
  (_request, response) => {
    response.setHeader("Content-Security-Policy", cachedPagePolicy());
    response.setHeader("Cache-Control", "s-maxage=60, stale-while-revalidate=31535940");
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.setHeader("ETag", '"v1"');
    response.setHeader("x-middleware-rewrite", "/cached/catalog/newest/1");
    response.setHeader("x-nextjs-cache", "MISS");
    // Streamed in pieces, as Next streams a page it renders.
    response.write(body.slice(0, 5));
    response.end(body.slice(5));
  };

beforeAll(async () => {
  server = createServer((request, response) => {
    if (takePageRequest(request, response)) return;
    nextAnswers += 1;
    void answerAsNext(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  dropPageCopies();
  nextAnswers = 0;
  setDatabaseOutage(false);
  vi.restoreAllMocks();
});

async function get(route: string, headers: Record<string, string> = {}, method = "GET") {
  // fetch asks for gzip unless told otherwise, and unzips.
  const response = await fetch(`${base}${route}`, { headers: { "accept-encoding": "identity", ...headers }, method });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

describe("the page lane", () => {
  it("keeps Next's answer for a shared page and sends the same bytes to the next visitors", async () => {
    answerAsNext = sharedPage("<html>catalog page</html>");
    const first = await get("/");
    const [second, third] = [await get("/"), await get("/", { cookie: "theme=dark" })];
    expect(nextAnswers).toBe(1);
    expect(first.body.toString()).toBe("<html>catalog page</html>");
    for (const later of [second, third]) {
      expect(later.status).toBe(200);
      expect(later.body).toEqual(first.body);
      expect(later.headers.get("content-length")).toBe(String(first.body.length));
      expect(later.headers.get("content-security-policy")).toBe(cachedPagePolicy());
      expect(later.headers.get("etag")).toBe('"v1"');
      expect(later.headers.get("x-nextjs-cache")).toBe("HIT");
      // The cached page's internal address stays inside.
      expect(later.headers.get("x-middleware-rewrite")).toBeNull();
    }
  });

  it("gzips for a client that takes gzip, and answers HEAD without a body", async () => {
    answerAsNext = sharedPage("<html>book page, long enough to be worth compressing</html>");
    const plain = await get("/books/a-book");
    const gzipped = await fetch(`${base}/books/a-book`, { headers: { "accept-encoding": "gzip" } });
    await gzipped.arrayBuffer();
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    // fetch unzips; the bytes as sent are read here.
    const raw = await new Promise<Buffer>((resolve, reject) => {
      const request = httpGet(`${base}/books/a-book`, { headers: { "accept-encoding": "gzip" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(Buffer.concat(chunks)));
      });
      request.on("error", reject);
    });
    expect(gunzipSync(raw)).toEqual(plain.body);
    const refused = await get("/books/a-book", { "accept-encoding": "gzip;q=0, br" });
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect(refused.body).toEqual(plain.body);
    const head = await get("/books/a-book", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(plain.body.length));
    expect(head.body.length).toBe(0);
    expect(nextAnswers).toBe(1);
  });

  it("never answers a session or cart, a search, a navigation's data or a conditional request", async () => {
    answerAsNext = sharedPage("<html>shared</html>");
    await get("/");
    await get("/books/a-book");
    const personal: [string, Record<string, string>][] = [
      ["/", { cookie: "next-auth.session-token=abc" }],
      ["/", { cookie: "__Secure-next-auth.session-token.0=abc" }],
      ["/books/a-book", { cookie: "bindery_cart=book1" }],
      ["/?q=harbors", {}],
      ["/?page=1", {}],
      ["/", { rsc: "1" }],
      ["/?_rsc=x1", {}],
      ["/books/a-book", { "next-router-prefetch": "1" }],
      ["/", { "if-none-match": '"v1"' }],
      ["/books/Not%20A%20Slug", {}],
    ];
    for (const [route, headers] of personal) {
      const before = nextAnswers;
      await get(route, headers);
      expect(nextAnswers, `${route} ${JSON.stringify(headers)}`).toBe(before + 1);
    }
    const post = await fetch(`${base}/`, { method: "POST", body: "x" });
    await post.arrayBuffer();
    expect(nextAnswers).toBe(personal.length + 3);
  });

  it("keeps nothing that is not the shared page: another policy, a cookie set, an error, private", async () => {
    const variants: Record<string, NextAnswer> = {
      "a nonce policy (a page rendered for one visitor)": (request, response) => {
        response.setHeader("Content-Security-Policy", "script-src 'self' 'nonce-abc' 'strict-dynamic'");
        response.end("<html>personal</html>");
      },
      "a cookie set": (request, response) => {
        response.setHeader("Content-Security-Policy", cachedPagePolicy());
        response.setHeader("Set-Cookie", "bindery_cart=; Max-Age=0");
        response.end("<html>x</html>");
      },
      "an error": (request, response) => {
        response.statusCode = 500;
        response.setHeader("Content-Security-Policy", cachedPagePolicy());
        response.end("<html>error</html>");
      },
      private: (request, response) => {
        response.writeHead(200, {
          "Content-Security-Policy": cachedPagePolicy(),
          "Cache-Control": "private, no-cache, no-store, max-age=0, must-revalidate",
        });
        response.end("<html>x</html>");
      },
    };
    for (const [name, answer] of Object.entries(variants)) {
      answerAsNext = answer;
      nextAnswers = 0;
      await get("/");
      await get("/");
      expect(nextAnswers, name).toBe(2);
    }
  });

  it("headers Next passes to writeHead count as much as those it sets", async () => {
    answerAsNext = (request, response) => {
      response.writeHead(200, { "Content-Security-Policy": cachedPagePolicy(), "Content-Type": "text/html" });
      response.end("<html>written at once</html>");
    };
    await get("/");
    const second = await get("/");
    expect(nextAnswers).toBe(1);
    expect(second.headers.get("content-type")).toBe("text/html");
    expect(second.body.toString()).toBe("<html>written at once</html>");
  });

  it("drops copies precisely, and never keeps an answer that was being made when they were dropped", async () => {
    answerAsNext = sharedPage("<html>old</html>");
    await get("/books/a-book");
    await get("/books/b-book");
    dropPageCopies((internalPath) => internalPath === "/cached/books/a-book");
    answerAsNext = sharedPage("<html>new</html>");
    expect((await get("/books/a-book")).body.toString()).toBe("<html>new</html>");
    expect((await get("/books/b-book")).body.toString()).toBe("<html>old</html>");
    expect(nextAnswers).toBe(3);

    // An answer Next is still making when an admin's change drops the copies is from before the change.
    let finish: () => void = () => {};
    answerAsNext = (request, response) =>
      new Promise<void>((resolve) => {
        finish = () => {
          sharedPage("<html>made before the change</html>")(request, response);
          resolve();
        };
      });
    const slow = get("/?sort=title");
    await vi.waitFor(() => expect(nextAnswers).toBe(4));
    dropPageCopies();
    finish();
    await slow;
    answerAsNext = sharedPage("<html>after the change</html>");
    expect((await get("/?sort=title")).body.toString()).toBe("<html>after the change</html>");
    expect(pageCopies().entries.has("/cached/catalog/title/1")).toBe(true);
  });

  it("asks Next again once a copy is 5 s old, and leaves every page to Next while the database is down", async () => {
    answerAsNext = sharedPage("<html>page</html>");
    const now = Date.now();
    await get("/");
    vi.spyOn(Date, "now").mockReturnValue(now + 4_000);
    await get("/");
    expect(nextAnswers).toBe(1);
    vi.spyOn(Date, "now").mockReturnValue(now + 6_000);
    await get("/");
    expect(nextAnswers).toBe(2);

    setDatabaseOutage(true);
    await get("/");
    expect(nextAnswers).toBe(3);
  });
});
