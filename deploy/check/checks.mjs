// The checks behind `npm run deploy:check`. Each returns { status: PASS | FAIL | SKIP, title, detail, fix }.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as fix from "./fixes.mjs";
import { acceptsConnections, headOnTheWire, send } from "./http.mjs";
import { bodyLimitCheck, pageHeadersChecks } from "./page-checks.mjs";
import { CANARY_CONTENT_TYPE, CANARY_DISPLAY_NAME, CANARY_KEY, selftestPath } from "./selftest-link.mjs";

const OFFLOAD_HEADERS = ["x-accel-redirect", "x-sendfile", "x-sendfile2", "x-lighttpd-send-file"];
const pass = (title, detail = "") => ({ status: "PASS", title, detail });
const fail = (title, detail, fixLine) => ({ status: "FAIL", title, detail, fix: fixLine });
const skip = (title, detail) => ({ status: "SKIP", title, detail });
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/**
 * @param {{ base: URL, secret: string, protectedRoot: string, sendfileUrl: string, backend: string,
 *   appPort: number, projectRoot: string, isLoopback?: (host: string) => boolean }} settings
 */
export async function runChecks(settings) {
  const { base, backend } = settings;
  const seen = [];
  const get = async (method, rawPath, headers) => {
    const response = await send(base, method, rawPath, headers);
    seen.push({ rawPath, response });
    return response;
  };
  const link = selftestPath(settings.secret);

  let full;
  try {
    full = await get("GET", link);
  } catch (error) {
    return [
      fail(
        `reach ${base.origin}`,
        String(error instanceof Error ? error.message : error),
        "is the web server running, and is this its public URL?",
      ),
    ];
  }
  const canary = await readFile(path.join(settings.protectedRoot, CANARY_KEY)).catch(() => null);
  const results = [downloadCheck(full, canary, settings)];
  // Without the file on disk, the bytes served are the best reference left for the reachability probes.
  const reference = canary ?? (full.status === 200 && full.body.length > 0 ? full.body : null);

  const checks = [
    ["Content-Type, Content-Disposition and nosniff", () => headersCheck(full, backend)],
    ["Range", () => rangeCheck(get, link, reference, backend)],
    ["HEAD", () => headCheck(base, link, backend)],
    [
      `internal prefix ${settings.sendfileUrl}`,
      () =>
        probeCheck(
          get,
          `internal prefix ${settings.sendfileUrl} is not reachable from outside`,
          internalProbes(settings),
          reference,
          fix.internalPrefixFix(backend, settings.sendfileUrl),
        ),
    ],
    [
      "storage folder",
      () =>
        probeCheck(
          get,
          "the storage folder is not reachable from outside",
          storageProbes(settings),
          reference,
          fix.STORAGE_FIX,
        ),
    ],
    ["leaks", () => leakCheck(seen, settings)],
    ["app port", () => appPortCheck(base, settings.appPort, settings.isLoopback ?? isLoopbackHost)],
    ["page headers", () => pageHeadersChecks(get, base, backend)],
    ["body limit", () => bodyLimitCheck(base, backend)],
  ];
  for (const [name, check] of checks) {
    try {
      results.push(...[await check()].flat());
    } catch (error) {
      results.push(
        fail(
          name,
          `the check could not finish: ${error instanceof Error ? error.message : error}`,
          "is the web server up and answering? Try the request with curl -v",
        ),
      );
    }
  }
  return results;
}

function downloadCheck(response, canary, { backend }) {
  const title = "the canary downloads through the web server with the exact bytes";
  const offloadHeader = OFFLOAD_HEADERS.find((name) => name in response.headers);
  if (response.status === 204 || (response.status === 200 && response.body.length === 0)) {
    const why = offloadHeader ? `the app's ${offloadHeader} header came back to the client` : "nothing else came back";
    return fail(
      title,
      `empty ${response.status} answer: ${why}, so no web server in front handled the offload ` +
        `(SENDFILE_BACKEND=${backend})`,
      fix.offloadFix(backend),
    );
  }
  if (response.status === 404)
    return fail(
      title,
      "404: the self-test link was refused",
      "run deploy:check with the app's own .env (same AUTH_SECRET), against the URL that reaches this app",
    );
  if (response.status === 410)
    return fail(
      title,
      "410: the self-test link had already expired",
      "the clocks of this machine and the server differ: sync them (NTP)",
    );
  if (response.status !== 200)
    return fail(
      title,
      `HTTP ${response.status} instead of 200`,
      "read the web server's and the app's error logs for this request",
    );
  if (canary === null)
    return fail(
      title,
      `got ${response.body.length} bytes, but cannot read ${CANARY_KEY} under PROTECTED_ROOT to compare`,
      "run deploy:check on the server, as the app's user, with the app's .env",
    );
  if (!response.body.equals(canary)) {
    return fail(
      title,
      `got ${response.body.length} bytes (sha256 ${sha256(response.body).slice(0, 16)}…), the file has ` +
        `${canary.length} (sha256 ${sha256(canary).slice(0, 16)}…)`,
      "something between the app and the client alters the file: compression, a cache, or another file at that path",
    );
  }
  return pass(title, `${canary.length} bytes, sha256 ${sha256(canary).slice(0, 16)}…`);
}

export function expectedDisposition() {
  const encoded = Array.from(Buffer.from(CANARY_DISPLAY_NAME, "utf8"), (byte) =>
    /[A-Za-z0-9!#$&+\-.^_`|~]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
  ).join("");
  return `attachment; filename="bindery-selftest-e.pdf"; filename*=UTF-8''${encoded}`;
}

function headersCheck(response, backend) {
  const title = "Content-Type, Content-Disposition and nosniff reach the client";
  if (response.status !== 200) return skip(title, "no file was served (see above)");
  const problems = [];
  const type = response.headers["content-type"] ?? "";
  if (type.split(";")[0].trim() !== CANARY_CONTENT_TYPE) problems.push(`Content-Type is ${JSON.stringify(type)}`);
  const disposition = response.headers["content-disposition"] ?? "";
  if (disposition !== expectedDisposition()) problems.push(`Content-Disposition is ${JSON.stringify(disposition)}`);
  if ((response.headers["x-content-type-options"] ?? "").split(",")[0].trim().toLowerCase() !== "nosniff")
    problems.push("X-Content-Type-Options: nosniff is missing");
  return problems.length === 0 ? pass(title) : fail(title, problems.join("; "), fix.headersFix(backend));
}

async function rangeCheck(get, link, reference, backend) {
  const title = "a Range request gets 206 with the right slice";
  if (reference === null || reference.length < 200) return skip(title, "no file to compare with (see above)");
  const [start, end] = [100, Math.min(1099, reference.length - 1)];
  const response = await get("GET", link, { Range: `bytes=${start}-${end}` });
  const expected = `bytes ${start}-${end}/${reference.length}`;
  if (response.status === 204 || response.body.length === 0)
    return fail(title, `empty ${response.status} answer`, fix.offloadFix(backend));
  if (response.status !== 206)
    return fail(title, `HTTP ${response.status} for Range: bytes=${start}-${end}`, fix.rangeFix(backend));
  if (response.headers["content-range"] !== expected || !response.body.equals(reference.subarray(start, end + 1))) {
    return fail(
      title,
      `Content-Range ${JSON.stringify(response.headers["content-range"])} (expected ${expected}), ` +
        `${response.body.length} bytes`,
      fix.rangeFix(backend),
    );
  }
  return pass(title, expected);
}

async function headCheck(base, link, backend) {
  const title = "HEAD is answered without a body";
  const { statusLine, extraBytes } = await headOnTheWire(base, link);
  if (!/^HTTP\/1\.[01] 200 /.test(statusLine))
    return fail(title, `HEAD answered ${JSON.stringify(statusLine)}`, fix.offloadFix(backend));
  if (extraBytes > 0)
    return fail(
      title,
      `${extraBytes} body bytes followed the HEAD answer (they would be read as the next response)`,
      fix.headFix(backend),
    );
  return pass(title);
}

function internalProbes({ sendfileUrl, protectedRoot }) {
  const bare = sendfileUrl.replace(/\/$/, "");
  return [
    `${sendfileUrl}${CANARY_KEY}`,
    `${sendfileUrl}%2Eselftest/canary.pdf`,
    `${bare}%2F${CANARY_KEY}`,
    `/${sendfileUrl}${CANARY_KEY}`,
    `${bare}../${encodePath(path.basename(protectedRoot))}/${CANARY_KEY}`,
  ];
}

function storageProbes({ protectedRoot, projectRoot }) {
  const name = encodePath(path.basename(protectedRoot));
  const probes = [
    `${encodePath(protectedRoot)}/${CANARY_KEY}`,
    `/${name}/${CANARY_KEY}`,
    `/media/../${name}/${CANARY_KEY}`,
    `/media/%2e%2e/${name}/${CANARY_KEY}`,
    `/media../${name}/${CANARY_KEY}`,
    `/_next/static/../../../${name}/${CANARY_KEY}`,
  ];
  const relative = path.relative(projectRoot, protectedRoot);
  if (!relative.startsWith("..") && !path.isAbsolute(relative)) probes.push(`/${encodePath(relative)}/${CANARY_KEY}`);
  return probes;
}

const encodePath = (text) => text.split("/").map(encodeURIComponent).join("/");

async function probeCheck(get, title, probes, reference, fixLine) {
  if (reference === null) return skip(title, "no canary to compare with (see above)");
  const window = reference.subarray(Math.floor(reference.length / 2), Math.floor(reference.length / 2) + 64);
  const statuses = [];
  for (const probe of probes) {
    const response = await get("GET", probe);
    statuses.push(response.status);
    if (response.body.includes(window))
      return fail(title, `GET ${probe} returned the file (HTTP ${response.status})`, fixLine);
  }
  return pass(title, `${probes.length} paths tried, answers ${[...new Set(statuses)].join("/")}`);
}

function leakCheck(seen, { protectedRoot }) {
  const title = "no offload header or file path reaches the client";
  for (const { rawPath, response } of seen) {
    const header = OFFLOAD_HEADERS.find((name) => name in response.headers);
    if (header) return fail(title, `${header}: ${response.headers[header]} in the answer to ${rawPath}`, fix.LEAK_FIX);
    const headerText = response.rawHeaders.join("\n");
    const bodyText = response.body.length < 1_000_000 ? response.body.toString("latin1") : "";
    if (
      headerText.includes(protectedRoot) ||
      (!response.headers["content-disposition"] && bodyText.includes(protectedRoot))
    ) {
      return fail(title, `the path ${protectedRoot} appears in the answer to ${rawPath}`, fix.LEAK_FIX);
    }
  }
  return pass(title, `${seen.length} answers inspected`);
}

/** Checks that the app's own port is closed at the address customers use. */
export async function appPortCheck(base, appPort, isLoopback = isLoopbackHost) {
  const title = `the app's port ${appPort} is not reachable at ${base.hostname}`;
  if (isLoopback(base.hostname))
    return skip(title, "the URL is a loopback address: run deploy:check with the public URL to test this");
  if (await acceptsConnections(base.hostname.replace(/^\[|\]$/g, ""), appPort)) {
    return fail(
      title,
      `${base.hostname}:${appPort} accepts connections, so the web server's rules can be bypassed`,
      fix.APP_PORT_FIX,
    );
  }
  return pass(title);
}

function isLoopbackHost(host) {
  return host === "localhost" || host.startsWith("127.") || host === "[::1]" || host === "::1";
}
