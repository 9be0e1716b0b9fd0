import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  RenderError,
  defaultOptions,
  fillTemplate,
  renderConfig,
  type RenderOptions,
} from "../../../deploy/render.mjs";
import { SERVER_NAMES } from "../../helpers/servers/web-server";
import { PROJECT_ROOT } from "../../helpers/test-env";

const base = (): RenderOptions => ({
  ...defaultOptions(PROJECT_ROOT, {}),
  protectedRoot: "/srv/bindery/storage/protected",
  mediaRoot: "/srv/bindery/storage/media",
});

describe("deploy/render.mjs", () => {
  it.each(SERVER_NAMES.map((server) => [server]))("renders %s completely, with every option combination", (server) => {
    for (const extra of [
      {},
      { https: true, serverName: "shop.example.com" },
      { adminDigestFile: "/etc/apache2/bindery.htdigest", listen: "127.0.0.1:8080" },
      {
        tlsCert: "/etc/ssl/shop.pem",
        tlsKey: "/etc/ssl/private/shop.key",
        accessLog: "/srv/logs/access.log",
        listen: "443",
      },
    ]) {
      const config = renderConfig(server, { ...base(), ...extra });
      expect(config).not.toMatch(/\{\{|\}\}/);
      expect(config).toContain("/srv/bindery/storage/protected");
    }
  });

  it.each(SERVER_NAMES.map((server) => [server]))(
    "%s: HSTS only with TLS, and the upload routes alone take large bodies",
    (server) => {
      const plain = renderConfig(server, base());
      expect(plain).not.toContain("Strict-Transport-Security");
      const secure = renderConfig(server, {
        ...base(),
        tlsCert: "/etc/ssl/shop.pem",
        tlsKey: "/etc/ssl/private/shop.key",
      });
      expect(secure).toContain("Strict-Transport-Security");
      expect(secure).toContain("/etc/ssl/shop.pem");
      expect(secure).toContain("/etc/ssl/private/shop.key");
      for (const config of [plain, secure]) {
        expect(config).toContain("^/api/admin/books/[A-Za-z0-9_-]+/(files|cover|sample)$");
        expect(config).toMatch(/X-Bindery-Peer/i);
      }
    },
  );

  it("refuses half a TLS setup, or TLS files with unsafe paths", () => {
    expect(() => renderConfig("nginx", { ...base(), tlsCert: "/etc/ssl/shop.pem" })).toThrow(/go together/);
    expect(() =>
      renderConfig("nginx", { ...base(), tlsCert: "/etc/ssl/my cert.pem", tlsKey: "/etc/ssl/k.pem" }),
    ).toThrow(RenderError);
    expect(() => renderConfig("caddy", { ...base(), https: true, tlsCert: "/a.pem", tlsKey: "/b.pem" })).toThrow(
      RenderError,
    );
    expect(() => renderConfig("nginx", { ...base(), accessLog: "/var/log/$x" })).toThrow(RenderError);
  });

  it("refuses paths and names that would change the meaning of a config", () => {
    for (const protectedRoot of ["/srv/my files", "/srv/$x", '/srv/"q', "/srv/{a}", "relative/path", "/srv/../etc"]) {
      expect(() => renderConfig("nginx", { ...base(), protectedRoot }), protectedRoot).toThrow(RenderError);
    }
    expect(() => renderConfig("nginx", { ...base(), sendfileUrl: "/_protected" })).toThrow(RenderError);
    expect(() => renderConfig("nginx", { ...base(), listen: "0.0.0.0:99999" })).toThrow(RenderError);
    expect(() => renderConfig("caddy", { ...base(), serverName: "shop.example.com; evil" })).toThrow(RenderError);
    expect(() => renderConfig("nginx", { ...base(), maxUpload: "lots" })).toThrow(RenderError);
  });

  it("renders nginx for one instance exactly as README shows it, with --app-upstream absent or naming one", () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    const shown = /<summary>Rendered config<\/summary>\n\n```nginx\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(shown).toContain("upstream bindery_app {");
    const documented = {
      ...base(),
      staticDir: "/srv/bindery/.next/standalone/.next/static",
      serverName: "shop.example.com",
    };
    expect(renderConfig("nginx", documented)).toBe(shown);
    expect(renderConfig("nginx", { ...documented, appUpstreams: [] })).toBe(shown);
    expect(renderConfig("nginx", { ...documented, appUpstreams: ["127.0.0.1:3000"] })).toBe(shown);
  });

  it("renders several instances for nginx only, each a host:port named once", () => {
    const two = { ...base(), appUpstreams: ["127.0.0.1:3001", "10.0.0.7:3002"] };
    const config = renderConfig("nginx", two);
    expect(config).toMatch(
      /upstream bindery_app \{\n(?:    #.*\n)*    server 127\.0\.0\.1:3001 max_fails=1 fail_timeout=10s;\n    server 10\.0\.0\.7:3002 max_fails=1 fail_timeout=10s;\n/,
    );
    expect(config).not.toContain("server 127.0.0.1:3000");
    expect(config).toContain("keepalive_timeout 4s;");
    expect(config.match(/^\s*proxy_next_upstream error timeout;$/gm)).toHaveLength(1);
    for (const server of ["apache", "lighttpd", "caddy"] as const) {
      expect(() => renderConfig(server, two), server).toThrow(/nginx only/);
    }
    for (const appUpstreams of [["127.0.0.1"], ["127.0.0.1:3001", "127.0.0.1:3001"], ["a:1;evil"]]) {
      expect(() => renderConfig("nginx", { ...base(), appUpstreams }), appUpstreams.join()).toThrow(RenderError);
    }
  });

  it("keeps a section when its variable is truthy, drops it otherwise, and fails on unknown names", () => {
    expect(fillTemplate("a{{#ON}}b{{^OFF}}c{{/OFF}}{{/ON}}{{^ON}}d{{/ON}}", { ON: true, OFF: false })).toBe("abc");
    expect(() => fillTemplate("{{MISSING}}", {})).toThrow(RenderError);
  });
});

describe("npm run deploy:render", () => {
  const script = path.join(PROJECT_ROOT, "scripts/deploy-render.mjs");
  const env = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production" as const,
    PROTECTED_ROOT: "/srv/shop/protected",
    MEDIA_ROOT: "/srv/shop/media",
    SENDFILE_URL: "/_files/",
    SENDFILE_BACKEND: "nginx",
    PORT: "3100",
    APP_URL: "https://books.example.com",
  };

  it("prints the config for the environment and the flags", () => {
    const output = execFileSync(process.execPath, [script, "nginx", "--listen", "8080", "--max-upload", "1g"], {
      env,
      encoding: "utf8",
    });
    expect(output).toContain("location ^~ /_files/ {");
    expect(output).toContain("alias /srv/shop/protected/;");
    expect(output).toContain("server 127.0.0.1:3100;");
    expect(output).toContain("server_name books.example.com;");
    expect(output).toContain("listen 8080;");
    expect(output).toContain(`client_max_body_size ${1024 ** 2};`);
    expect(output).toContain(`client_max_body_size ${1024 ** 3};`);
  });

  it("renders HTTPS from --tls-cert/--tls-key, and the access log from --access-log", () => {
    const output = execFileSync(
      process.execPath,
      [
        script,
        "nginx",
        "--listen",
        "443",
        "--tls-cert",
        "/etc/ssl/shop.pem",
        "--tls-key",
        "/etc/ssl/shop.key",
        "--access-log",
        "/srv/log/shop.log",
      ],
      { env, encoding: "utf8" },
    );
    expect(output).toContain("listen 443 ssl;");
    expect(output).toContain("ssl_certificate /etc/ssl/shop.pem;");
    expect(output).toContain("Strict-Transport-Security");
    expect(output).toContain("access_log /srv/log/shop.log bindery_no_query;");
  });

  it("takes the app instances from --app-upstream or APP_UPSTREAMS, never together with --app", () => {
    const fromFlag = execFileSync(
      process.execPath,
      [script, "nginx", "--app-upstream", "127.0.0.1:3001,127.0.0.1:3002"],
      {
        env,
        encoding: "utf8",
      },
    );
    const fromEnv = execFileSync(process.execPath, [script, "nginx"], {
      env: { ...env, APP_UPSTREAMS: "127.0.0.1:3001, 127.0.0.1:3002" },
      encoding: "utf8",
    });
    expect(fromFlag).toContain("server 127.0.0.1:3002 max_fails=1 fail_timeout=10s;");
    expect(fromFlag).not.toContain("server 127.0.0.1:3100");
    expect(fromEnv).toBe(fromFlag);
    const both = spawnSync(
      process.execPath,
      [script, "nginx", "--app", "127.0.0.1:3100", "--app-upstream", "127.0.0.1:3001"],
      {
        env,
        encoding: "utf8",
      },
    );
    expect(both.status).toBe(1);
    expect(both.stderr).toContain("exclude each other");
  });

  it("prints deploy/nginx/bindery-multi.conf, the example for two instances, byte for byte", () => {
    // The command deploy/nginx/README.md gives for regenerating the example after a template change.
    const exampleEnv = {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production" as const,
      PROTECTED_ROOT: "/srv/bindery/storage/protected",
      MEDIA_ROOT: "/srv/bindery/storage/media",
      SENDFILE_URL: "/_protected/",
      SENDFILE_BACKEND: "nginx",
      MAX_UPLOAD_MB: "1024",
      APP_URL: "https://shop.example.com",
    };
    const flags = ["--app-upstream", "127.0.0.1:3001,127.0.0.1:3002"];
    const staticDir = "/srv/bindery/.next/standalone/.next/static";
    const output = execFileSync(process.execPath, [script, "nginx", ...flags, "--static-dir", staticDir], {
      env: exampleEnv,
      encoding: "utf8",
    });
    const example = readFileSync(path.join(PROJECT_ROOT, "deploy/nginx/bindery-multi.conf"), "utf8");
    expect(output).toBe(example);
    // The same options as README's single-instance config, plus the two instances.
    const documented = { ...base(), staticDir, serverName: "shop.example.com" };
    expect(renderConfig("nginx", { ...documented, appUpstreams: ["127.0.0.1:3001", "127.0.0.1:3002"] })).toBe(example);
  });

  it("warns on stderr when the app's SENDFILE_BACKEND does not match, and rejects bad input", () => {
    const mismatch = spawnSync(process.execPath, [script, "apache"], { env, encoding: "utf8" });
    expect(mismatch.status).toBe(0);
    expect(mismatch.stderr).toContain("SENDFILE_BACKEND=apache");
    expect(mismatch.stdout).toContain('XSendFilePath "/srv/shop/protected"');

    expect(spawnSync(process.execPath, [script, "iis"], { env, encoding: "utf8" }).status).toBe(2);
    const bad = spawnSync(process.execPath, [script, "nginx", "--app", "nowhere"], { env, encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--app must be host:port");
  });
});
