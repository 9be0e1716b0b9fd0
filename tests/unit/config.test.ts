import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config/load";

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("has working defaults outside production", () => {
    const config = parseConfig({});
    expect(config.sendfileBackend).toBe("node");
    expect(config.sendfileUrl).toBe("/_protected/");
    expect(config.databaseUrl).toBe("file:./data/bindery.db");
    expect(config.protectedRoot).toMatch(/storage\/protected$/);
    expect(config.authSecret).toHaveLength(64);
  });

  it("requires AUTH_SECRET in production, naming the variable", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^AUTH_SECRET: is required in production/),
    ]);
  });

  it("reports a missing production secret together with the other problems", () => {
    const problems = problemsOf({ NODE_ENV: "production", SENDFILE_BACKEND: "iis" });
    expect(problems.map((line) => line.split(":")[0]).sort()).toEqual(["AUTH_SECRET", "SENDFILE_BACKEND"]);
  });

  it("does not require AUTH_SECRET while `next build` runs", () => {
    expect(problemsOf({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).toEqual([]);
  });

  it("reports one line per bad variable", () => {
    const problems = problemsOf({
      SENDFILE_BACKEND: "iis",
      SENDFILE_URL: "_protected",
      APP_URL: "not a url",
      AUTH_SECRET: "short",
      DOWNLOAD_LINK_TTL_HOURS: "soon",
    });
    expect(problems).toHaveLength(5);
    expect(problems.map((line) => line.split(":")[0]).sort()).toEqual(
      ["APP_URL", "AUTH_SECRET", "DOWNLOAD_LINK_TTL_HOURS", "SENDFILE_BACKEND", "SENDFILE_URL"].sort(),
    );
    expect(problems.find((line) => line.startsWith("SENDFILE_BACKEND"))).toContain(
      "node, nginx, apache, lighttpd, caddy",
    );
  });

  it("refuses a protected root inside public/ or equal to the media root", () => {
    expect(problemsOf({ PROTECTED_ROOT: "./public/files" })).toEqual([
      expect.stringMatching(/^PROTECTED_ROOT: must not be inside a public/),
    ]);
    expect(problemsOf({ PROTECTED_ROOT: "/srv/x", MEDIA_ROOT: "/srv/x" })).toEqual([
      expect.stringMatching(/^PROTECTED_ROOT: must differ/),
    ]);
  });

  it.each([
    ["/srv/shop/media/protected", "/srv/shop/media", /^PROTECTED_ROOT: must not be inside MEDIA_ROOT/],
    ["/srv/shop/media/a/b", "/srv/shop/media/", /^PROTECTED_ROOT: must not be inside MEDIA_ROOT/],
    ["/srv/shop/protected", "/srv/shop/protected/media", /^MEDIA_ROOT: must not be inside PROTECTED_ROOT/],
    ["/srv/shop/x/../media/p", "/srv/shop/media", /^PROTECTED_ROOT: must not be inside MEDIA_ROOT/],
    ["/srv/shop/files", "/srv/shop/files/", /^PROTECTED_ROOT: must differ from MEDIA_ROOT/],
  ])("refuses PROTECTED_ROOT %s with MEDIA_ROOT %s (one nested in the other)", (protectedRoot, mediaRoot, problem) => {
    expect(problemsOf({ PROTECTED_ROOT: protectedRoot, MEDIA_ROOT: mediaRoot })).toEqual([
      expect.stringMatching(problem),
    ]);
  });

  it("accepts sibling folders whose names start the same", () => {
    expect(problemsOf({ PROTECTED_ROOT: "/srv/shop/media-protected", MEDIA_ROOT: "/srv/shop/media" })).toEqual([]);
    expect(problemsOf({ PROTECTED_ROOT: "/srv/shop/protected", MEDIA_ROOT: "/srv/shop/protected-media" })).toEqual([]);
  });

  it("sees through a symlink: a media folder that is a link into the protected one is refused", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bindery-config-"));
    try {
      mkdirSync(path.join(dir, "protected", "covers"), { recursive: true });
      symlinkSync(path.join(dir, "protected", "covers"), path.join(dir, "media"));
      expect(problemsOf({ PROTECTED_ROOT: path.join(dir, "protected"), MEDIA_ROOT: path.join(dir, "media") })).toEqual([
        expect.stringMatching(/^MEDIA_ROOT: must not be inside PROTECTED_ROOT/),
      ]);
      symlinkSync(path.join(dir, "protected"), path.join(dir, "alias"));
      expect(
        problemsOf({ PROTECTED_ROOT: path.join(dir, "protected"), MEDIA_ROOT: path.join(dir, "alias", "new-media") }),
      ).toEqual([expect.stringMatching(/^MEDIA_ROOT: must not be inside PROTECTED_ROOT/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses BENCH_ROUTES=1 in production unless the benchmark forces it", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) };
    expect(problemsOf({ ...production, BENCH_ROUTES: "1" })).toEqual([
      expect.stringMatching(/^BENCH_ROUTES: must not be 1 in production/),
    ]);
    expect(problemsOf({ ...production, BENCH_ROUTES: "1", BENCH_ROUTES_FORCE: "yes" })[0]).toMatch(/^BENCH_ROUTES/);
    expect(parseConfig({ ...production, BENCH_ROUTES: "1", BENCH_ROUTES_FORCE: "1" }).benchRoutes).toBe(true);
    expect(parseConfig({ BENCH_ROUTES: "1" }).benchRoutes).toBe(true);
    expect(problemsOf({ ...production, BENCH_ROUTES: "0" })).toEqual([]);
  });

  it("refuses a database URL it cannot open, naming the schemes it takes", () => {
    for (const url of ["mysql://x", "postgresql:x", "sqlite:./x.db", "./data/bindery.db"]) {
      expect(problemsOf({ DATABASE_URL: url })).toEqual([
        expect.stringMatching(/^DATABASE_URL: .*file:.*postgresql:\/\//),
      ]);
    }
  });

  it("takes the database from DATABASE_URL's scheme: file: is SQLite, postgresql:// and postgres:// PostgreSQL", () => {
    expect(parseConfig({}).databaseProvider).toBe("sqlite");
    expect(parseConfig({ DATABASE_URL: "file:/srv/shop.db" }).databaseProvider).toBe("sqlite");
    expect(parseConfig({ DATABASE_URL: "postgresql://shop@db.internal/shop" }).databaseProvider).toBe("postgresql");
    expect(parseConfig({ DATABASE_URL: "postgres://shop@db.internal:5433/shop" }).databaseProvider).toBe("postgresql");
    expect(parseConfig({ DATABASE_URL: "postgres://x/y", DATABASE_POOL_SIZE: "4" }).databasePoolSize).toBe(4);
    expect(problemsOf({ DATABASE_POOL_SIZE: "0" })).toEqual([expect.stringMatching(/^DATABASE_POOL_SIZE:/)]);
  });

  it("treats 0 as no limit / no expiry", () => {
    const config = parseConfig({ DEFAULT_DOWNLOAD_LIMIT: "0", DEFAULT_ACCESS_DAYS: "30" });
    expect(config.downloads).toEqual({
      linkTtlHours: 24,
      defaultLimit: null,
      defaultAccessDays: 30,
      ratePerMinute: 120,
      resumeGraceHours: 24,
    });
  });

  it("reads DOWNLOAD_RESUME_GRACE_HOURS (0 = resumes always count) and refuses anything but a whole number", () => {
    expect(parseConfig({ DOWNLOAD_RESUME_GRACE_HOURS: "0" }).downloads.resumeGraceHours).toBe(0);
    expect(parseConfig({ DOWNLOAD_RESUME_GRACE_HOURS: "48" }).downloads.resumeGraceHours).toBe(48);
    for (const bad of ["-1", "1.5", "a day"]) {
      expect(problemsOf({ DOWNLOAD_RESUME_GRACE_HOURS: bad })).toEqual([
        expect.stringMatching(/^DOWNLOAD_RESUME_GRACE_HOURS: /),
      ]);
    }
  });
});

describe("shared link configuration", () => {
  it("flags grants used from more than 5 networks in 30 days by default; SHARED_LINK_NETWORKS is 1 to 1000", () => {
    expect(parseConfig({}).sharedLinkNetworks).toBe(5);
    expect(parseConfig({ SHARED_LINK_NETWORKS: "2" }).sharedLinkNetworks).toBe(2);
    for (const bad of ["0", "-1", "1.5", "many", "1001"]) {
      expect(problemsOf({ SHARED_LINK_NETWORKS: bad })).toEqual([expect.stringMatching(/^SHARED_LINK_NETWORKS: /)]);
    }
  });
});

describe("mail outbox configuration", () => {
  it("retries after 30 s (doubling), looks for due mail every 15 s, queues 200 notices a batch by default", () => {
    expect(parseConfig({}).mail).toEqual({ retryBaseSeconds: 30, pollSeconds: 15, noticeBatchSize: 200 });
    expect(
      parseConfig({ MAIL_RETRY_BASE_SECONDS: "1", MAIL_POLL_SECONDS: "2", MAIL_NOTICE_BATCH_SIZE: "3" }).mail,
    ).toEqual({
      retryBaseSeconds: 1,
      pollSeconds: 2,
      noticeBatchSize: 3,
    });
  });

  it.each([
    ["MAIL_RETRY_BASE_SECONDS", "0"],
    ["MAIL_RETRY_BASE_SECONDS", "soon"],
    ["MAIL_RETRY_BASE_SECONDS", "1.5"],
    ["MAIL_POLL_SECONDS", "0"],
    ["MAIL_POLL_SECONDS", "3601"],
    ["MAIL_NOTICE_BATCH_SIZE", "0"],
  ])("refuses %s=%s, naming the variable", (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });
});
