import { describe, expect, it } from "vitest";
import { startApp } from "../helpers/app-server";

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
});
