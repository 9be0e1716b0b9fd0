import { execFileSync, spawnSync } from "node:child_process";
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
        expect(config).toContain("^/api/admin/books/[A-Za-z0-9_-]+/(files|cover)$");
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
