// deploy:check for what every answer carries: the page security headers, HSTS over HTTPS, and the
// 1 MiB request body limit the rendered configs enforce.
import net from "node:net";
import tls from "node:tls";

const pass = (title, detail = "") => ({ status: "PASS", title, detail });
const fail = (title, detail, fixLine) => ({ status: "FAIL", title, detail, fix: fixLine });
const skip = (title, detail) => ({ status: "SKIP", title, detail });
const RENDER_AGAIN = (backend) =>
  `render the config again with \`npm run deploy:render -- ${backend === "node" ? "<server>" : backend}\` ` +
  "and reload the server";

/**
 * A page rendered per request (the cart; the catalog may come from the cache, with its own policy):
 * the app's nonce'd CSP and the static headers, and HSTS over HTTPS.
 */
export async function pageHeadersChecks(get, base, backend) {
  const page = await get("GET", "/cart");
  const title = "a page carries CSP (scripts by nonce, not framable), nosniff, Referrer-Policy, Permissions-Policy";
  const headers = page.headers;
  const csp = headers["content-security-policy"] ?? "";
  const script =
    csp
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith("script-src")) ?? "";
  const problems = [];
  if (!/'nonce-[^']+'/.test(script) || script.includes("'unsafe-inline'"))
    problems.push(`script-src is ${JSON.stringify(script)}`);
  if (!csp.includes("frame-ancestors 'none'")) problems.push("CSP lacks frame-ancestors 'none'");
  for (const name of ["x-content-type-options", "referrer-policy", "permissions-policy"])
    if (!headers[name]) problems.push(`${name} is missing`);
  const results = [
    problems.length === 0
      ? pass(title)
      : fail(
          title,
          `${page.status}: ${problems.join("; ")}`,
          "the app sets these (proxy.ts, next.config.mjs headers()): is the build current, and does the " +
            "server pass them through?",
        ),
  ];
  const hstsTitle = "HTTPS answers carry Strict-Transport-Security";
  if (base.protocol !== "https:") results.push(skip(hstsTitle, "plain HTTP: browsers ignore HSTS there"));
  else if (/max-age=\d+/.test(headers["strict-transport-security"] ?? ""))
    results.push(pass(hstsTitle, headers["strict-transport-security"]));
  else
    results.push(
      fail(
        hstsTitle,
        "no Strict-Transport-Security header",
        `${RENDER_AGAIN(backend)} with --tls-cert/--tls-key (Caddy: or --https)`,
      ),
    );
  return results;
}

/**
 * Announces a 2 MiB webhook body the way curl does (Expect: 100-continue) and sends it only if asked:
 * the web server must answer 413 without taking it. A 413 from the app itself (JSON) means the
 * server let it through.
 */
export async function bodyLimitCheck(base, backend) {
  const title = "a 2 MiB request body outside the upload routes is refused with 413 by the web server";
  const answer = await announceLargeBody(base, "/api/stripe/webhook", 2 * 1024 * 1024);
  if (answer.status === 413 && answer.text.includes("Request body too large")) {
    return fail(title, "413 came from the app: the web server passed the body on", RENDER_AGAIN(backend));
  }
  if (answer.status === 413) return pass(title);
  if (answer.status === 0) return pass(title, "the server closed the connection before taking the body");
  return fail(title, `HTTP ${answer.status}`, RENDER_AGAIN(backend));
}

function announceLargeBody(base, rawPath, size) {
  const secure = base.protocol === "https:";
  const port = Number(base.port) || (secure ? 443 : 80);
  const options = { host: base.hostname, port, servername: net.isIP(base.hostname) ? undefined : base.hostname };
  const head = [
    `POST ${rawPath} HTTP/1.1`,
    `Host: ${base.host}`,
    "Content-Type: application/json",
    `Content-Length: ${size}`,
    "Expect: 100-continue",
    "Connection: close",
    "",
    "",
  ].join("\r\n");
  return new Promise((resolve) => {
    const socket = secure ? tls.connect(options) : net.connect(options);
    let received = "";
    let sending = false;
    let done = false;
    let sent = 0;
    const finalStatus = () =>
      [...received.matchAll(/(?:^|\r\n\r\n)HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1])).find((s) => s >= 200) ??
      0;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ status: finalStatus(), text: received });
    };
    const piece = Buffer.alloc(64 * 1024, 0x20);
    const sendNext = () => {
      if (done || socket.destroyed || sent >= size) return;
      sent += piece.length;
      socket.write(piece, () => setImmediate(sendNext));
    };
    socket.setTimeout(10_000, finish);
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (finalStatus() !== 0 && /\r\n\r\n[\s\S]*$/.test(received)) setTimeout(finish, 50);
      else if (!sending && /^HTTP\/1\.[01] 100/.test(received)) {
        sending = true;
        sendNext();
      }
    });
    socket.on("end", finish);
    socket.on("close", finish);
    socket.on("error", () => undefined);
    socket.once(secure ? "secureConnect" : "connect", () => socket.write(head));
  });
}
