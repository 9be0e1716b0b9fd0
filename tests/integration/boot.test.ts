import { describe, expect, it } from "vitest";
import { startApp } from "../helpers/app-server";
import { prepareTestEnvironment } from "../helpers/test-env";

describe("boot", () => {
  it("refuses to start with an invalid configuration, one line per problem naming the variable", async () => {
    const attempt = startApp({ SENDFILE_BACKEND: "iis", SENDFILE_URL: "protected", AUTH_SECRET: "" });
    const error = await attempt.then(
      () => null,
      (reason: unknown) => (reason instanceof Error ? reason.message : String(reason)),
    );
    expect(error).toMatch(/app exited with 1/);
    expect(error).toContain("Bindery cannot start: invalid configuration");
    expect(error).toMatch(/^\s+SENDFILE_BACKEND: must be one of node, nginx, apache, lighttpd, caddy$/m);
    expect(error).toMatch(/^\s+SENDFILE_URL: must be an absolute URI prefix/m);
    expect(error).toMatch(/^\s+AUTH_SECRET: is required in production/m);
  });

  it("refuses the benchmark routes in production and a protected folder inside the media folder", async () => {
    const error = await startApp({
      AUTH_SECRET: "x".repeat(32),
      BENCH_ROUTES: "1",
      PROTECTED_ROOT: "/srv/shop/media/sold",
      MEDIA_ROOT: "/srv/shop/media",
    }).then(
      () => null,
      (reason: unknown) => (reason instanceof Error ? reason.message : String(reason)),
    );
    expect(error).toMatch(/app exited with 1/);
    expect(error).toMatch(/^\s+BENCH_ROUTES: must not be 1 in production/m);
    expect(error).toMatch(/^\s+PROTECTED_ROOT: must not be inside MEDIA_ROOT/m);
  });

  it("refuses a production server started without the server preload, in one line naming npm start", async () => {
    const { env } = prepareTestEnvironment("boot-bare");
    const error = await startApp(env, { bareServer: true }).then(
      async (app) => {
        await app.stop();
        return null;
      },
      (reason: unknown) => (reason instanceof Error ? reason.message : String(reason)),
    );
    expect(error).toMatch(/app exited with 1/);
    expect(error).toMatch(
      /^Bindery cannot start: scripts\/server-preload\.cjs is not loaded; start the production server with `npm start`$/m,
    );

    // The same store through `npm start`'s script: the preload is there and the server answers.
    const app = await startApp(env);
    try {
      const health = await fetch(`${app.url}/api/health`);
      expect(health.status).toBe(200);
      expect(app.logs()).not.toContain("server-preload.cjs is not loaded");
      // The app icon gets through proxy.ts and the page CSP, and pages point at it.
      const icon = await fetch(`${app.url}/icon.svg`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get("content-type")).toBe("image/svg+xml");
      expect(await icon.text()).toContain("<svg");
      expect(await (await fetch(app.url)).text()).toMatch(/<link rel="icon" href="\/icon\.svg[^"]*"/);
    } finally {
      await app.stop();
    }
    // Two production servers start one after the other here.
  }, 90_000);
});
