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

describe("mail outbox configuration", () => {
  it("retries after 30 s (doubling) and looks for due mail every 15 s by default", () => {
    expect(parseConfig({}).mail).toEqual({ retryBaseSeconds: 30, pollSeconds: 15 });
    expect(parseConfig({ MAIL_RETRY_BASE_SECONDS: "1", MAIL_POLL_SECONDS: "2" }).mail).toEqual({ retryBaseSeconds: 1, pollSeconds: 2 });
  });

  it.each([
    ["MAIL_RETRY_BASE_SECONDS", "0"],
    ["MAIL_RETRY_BASE_SECONDS", "soon"],
    ["MAIL_RETRY_BASE_SECONDS", "1.5"],
    ["MAIL_POLL_SECONDS", "0"],
    ["MAIL_POLL_SECONDS", "3601"],
  ])("refuses %s=%s, naming the variable", (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });
});
