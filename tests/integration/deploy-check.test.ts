import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CANARY_KEY, canaryBytes } from "../../lib/downloads/selftest";
import { signedQuery } from "../../lib/downloads/signed-link";
import { request } from "../helpers/servers/raw-http";
import { startStack, type Stack } from "../helpers/servers/stack";
import { SERVER_NAMES, type ServerName } from "../helpers/servers/web-server";
import { PROJECT_ROOT, prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

const run = promisify(execFile);

// One store, one app per backend and its web server; deploy:check runs against each, then against
// deliberately broken variants of the same rendered config, which it must report.
let store: TestEnvironment;
const stacks = new Map<ServerName, Stack>();

beforeAll(async () => {
  store = prepareTestEnvironment("deploy-check");
  await Promise.all(SERVER_NAMES.map(async (server) => stacks.set(server, await startStack(server, store))));
}, 120_000);

afterAll(async () => {
  await Promise.all([...stacks.values()].map((stack) => stack.stop()));
  if (store) rmSync(store.dir, { recursive: true, force: true });
});

function stackFor(server: ServerName): Stack {
  const stack = stacks.get(server);
  if (!stack) throw new Error(`no ${server} stack`);
  return stack;
}

/** `npm run deploy:check -- <url>` with the app's environment, as an operator runs it on the server. */
async function deployCheck(
  url: string,
  stack: Stack,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  const env = {
    ...extraEnv,
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production" as const,
    ...stack.store.env,
    SENDFILE_BACKEND: stack.server,
    SENDFILE_URL: "/_protected/",
    PORT: String(stack.app.port),
    HOSTNAME: "127.0.0.1",
  };
  try {
    const { stdout } = await run(process.execPath, [path.join(PROJECT_ROOT, "scripts/deploy-check.mjs"), url], { env });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/** Replaces text in a rendered config, and fails loudly if the text was not there. */
function breaking(search: string | RegExp, replacement: string) {
  return (config: string) => {
    const broken = config.replace(search, replacement);
    if (broken === config) throw new Error(`the rendered config has no ${String(search)}`);
    return broken;
  };
}

describe.each(SERVER_NAMES.map((server) => [server]))("deploy:check through %s", (server) => {
  it("passes every check on the config deploy/ renders", async () => {
    const stack = stackFor(server);
    const { code, output } = await deployCheck(stack.url, stack);
    expect(output).not.toContain("FAIL");
    // HSTS is skipped over plain HTTP.
    expect(output).toContain("9 passed, 0 failed, 2 skipped");
    expect(code, output).toBe(0);
  });
});

describe("deploy:check on broken deployments", () => {
  const expectFailure = (output: string, code: number, check: string) => {
    expect(code, output).toBe(1);
    expect(output).toMatch(new RegExp(`^FAIL  ${check}`, "m"));
    expect(output).toMatch(/^ {6}fix: /m);
  };

  it("reports nginx without `internal;`: the internal prefix serves the file to anyone", async () => {
    const stack = stackFor("nginx");
    const variant = await stack.startVariant("no-internal", { mutate: breaking(/^\s*internal;\n/m, "\n") });
    const { code, output } = await deployCheck(variant.url, stack);
    expectFailure(output, code, "internal prefix /_protected/ is not reachable");
  });

  it("reports nginx with the alias missing its trailing slash: offloaded files are not found", async () => {
    const stack = stackFor("nginx");
    const root = stack.store.env.PROTECTED_ROOT ?? "";
    const variant = await stack.startVariant("alias-slash", { mutate: breaking(`alias ${root}/;`, `alias ${root};`) });
    const { code, output } = await deployCheck(variant.url, stack);
    expectFailure(output, code, "the canary downloads through the web server");
  });

  it("reports nginx with /media missing its slash: /media../ climbs into the protected folder", async () => {
    const stack = stackFor("nginx");
    const variant = await stack.startVariant("media-slash", {
      mutate: breaking("location ^~ /media/ {", "location ^~ /media {"),
    });
    const { code, output } = await deployCheck(variant.url, stack);
    expectFailure(output, code, "the storage folder is not reachable");
  });

  it("reports Apache with `XSendFile Off`: the path leaks and the client gets nothing", async () => {
    const stack = stackFor("apache");
    const variant = await stack.startVariant("xsendfile-off", { mutate: breaking("XSendFile On", "XSendFile Off") });
    const { code, output } = await deployCheck(variant.url, stack);
    expectFailure(output, code, "the canary downloads through the web server");
    expectFailure(output, code, "no offload header or file path reaches the client");
  });

  it("reports Caddy with `method * GET` in handle_response: HEAD answers carry the body", async () => {
    const stack = stackFor("caddy");
    const rewrite = "rewrite * {rp.header.X-Accel-Redirect}";
    const variant = await stack.startVariant("method-get", {
      mutate: breaking(rewrite, `${rewrite}\n\t\t\t\tmethod * GET`),
    });
    const { code, output } = await deployCheck(variant.url, stack);
    expectFailure(output, code, "HEAD is answered without a body");
  });

  it("reports nginx passing a 2 MiB body on to the app (body limit removed)", async () => {
    const stack = stackFor("nginx");
    const variant = await stack.startVariant("no-body-limit", {
      mutate: breaking(`client_max_body_size ${1024 * 1024};`, "client_max_body_size 0;"),
    });
    const { code, output } = await deployCheck(variant.url, stack);
    expectFailure(output, code, "a 2 MiB request body outside the upload routes is refused");
    expect(output).toContain("413 came from the app");
  });

  it("reports a TLS deployment without HSTS", async () => {
    const stack = stackFor("nginx");
    const dir = path.join(stack.store.dir, "tls");
    mkdirSync(dir, { recursive: true });
    const [cert, key] = [path.join(dir, "cert.pem"), path.join(dir, "key.pem")];
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
      ],
      { stdio: "ignore" },
    );
    chmodSync(key, 0o644);
    const secure = await stack.startVariant("tls", { options: { tlsCert: cert, tlsKey: key } });
    const httpsUrl = `https://127.0.0.1:${secure.port}`;
    const env = { NODE_TLS_REJECT_UNAUTHORIZED: "0" };
    const good = await deployCheck(httpsUrl, stack, env);
    expect(good.output).toMatch(/^PASS  HTTPS answers carry Strict-Transport-Security/m);
    const stripped = await stack.startVariant("tls-no-hsts", {
      options: { tlsCert: cert, tlsKey: key },
      mutate: (config) => config.replaceAll(/^\s*add_header Strict-Transport-Security.*\n/gm, ""),
    });
    const { code, output } = await deployCheck(`https://127.0.0.1:${stripped.port}`, stack, env);
    expectFailure(output, code, "HTTPS answers carry Strict-Transport-Security");
  });

  it("reports an offload backend with no web server in front: an empty answer", async () => {
    const stack = stackFor("nginx");
    const { code, output } = await deployCheck(stack.app.url, stack);
    expectFailure(output, code, "the canary downloads through the web server");
    expect(output).toContain("no web server in front handled the offload");
  });

  it("reports a wrong AUTH_SECRET as a refused self-test link", async () => {
    const stack = stackFor("lighttpd");
    const wrong = {
      ...stack,
      store: { ...stack.store, env: { ...stack.store.env, AUTH_SECRET: randomBytes(32).toString("hex") } },
    };
    const { code, output } = await deployCheck(stack.url, wrong);
    expectFailure(output, code, "the canary downloads through the web server");
    expect(output).toContain("self-test link was refused");
  });
});

describe("GET /api/downloads/selftest", () => {
  it("refuses a missing or bad signature with 404 and an expired link with 410", async () => {
    const stack = stackFor("nginx");
    const secret = stack.store.env.AUTH_SECRET ?? "";
    expect((await request(stack.url, "GET", "/api/downloads/selftest")).status).toBe(404);
    expect(
      (await request(stack.url, "GET", `/api/downloads/selftest?${signedQuery("selftest", 60, "x".repeat(64))}`))
        .status,
    ).toBe(404);
    expect(
      (await request(stack.url, "GET", `/api/downloads/selftest?${signedQuery("some-grant", 60, secret)}`)).status,
    ).toBe(404);
    expect(
      (await request(stack.url, "GET", `/api/downloads/selftest?${signedQuery("selftest", -60, secret)}`)).status,
    ).toBe(410);
  });

  it("writes the canary again when it is missing, and serves it", async () => {
    const stack = stackFor("caddy");
    const file = path.join(stack.store.env.PROTECTED_ROOT ?? "", CANARY_KEY);
    rmSync(file, { force: true });
    const answer = await request(
      stack.url,
      "GET",
      `/api/downloads/selftest?${signedQuery("selftest", 60, stack.store.env.AUTH_SECRET ?? "")}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.equals(canaryBytes())).toBe(true);
    expect(existsSync(file) && readFileSync(file).equals(canaryBytes())).toBe(true);
  });
});
