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
    expect(problemsOf({ NODE_ENV: "production" })).toEqual([expect.stringMatching(/^AUTH_SECRET: is required in production/)]);
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
    expect(problems.find((line) => line.startsWith("SENDFILE_BACKEND"))).toContain("node, nginx, apache, lighttpd, caddy");
  });

  it("refuses a protected root inside public/ or equal to the media root", () => {
    expect(problemsOf({ PROTECTED_ROOT: "./public/files" })).toEqual([expect.stringMatching(/^PROTECTED_ROOT: must not be inside a public/)]);
    expect(problemsOf({ PROTECTED_ROOT: "/srv/x", MEDIA_ROOT: "/srv/x" })).toEqual([expect.stringMatching(/^PROTECTED_ROOT: must differ/)]);
  });

  it("refuses a database URL it cannot open", () => {
    expect(problemsOf({ DATABASE_URL: "mysql://x" })[0]).toMatch(/^DATABASE_URL:/);
  });

  it("treats 0 as no limit / no expiry", () => {
    const config = parseConfig({ DEFAULT_DOWNLOAD_LIMIT: "0", DEFAULT_ACCESS_DAYS: "30" });
    expect(config.downloads).toEqual({ linkTtlHours: 24, defaultLimit: null, defaultAccessDays: 30, ratePerMinute: 120, resumeGraceHours: 24 });
  });

  it("reads DOWNLOAD_RESUME_GRACE_HOURS (0 = resumes always count) and refuses anything but a whole number", () => {
    expect(parseConfig({ DOWNLOAD_RESUME_GRACE_HOURS: "0" }).downloads.resumeGraceHours).toBe(0);
    expect(parseConfig({ DOWNLOAD_RESUME_GRACE_HOURS: "48" }).downloads.resumeGraceHours).toBe(48);
    for (const bad of ["-1", "1.5", "a day"]) {
      expect(problemsOf({ DOWNLOAD_RESUME_GRACE_HOURS: bad })).toEqual([expect.stringMatching(/^DOWNLOAD_RESUME_GRACE_HOURS: /)]);
    }
  });
});
