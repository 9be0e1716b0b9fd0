// The self-test link and canary as the app defines them (lib/downloads/signed-link.ts and
// lib/downloads/selftest.ts). Repeated here because deploy:check runs with plain Node on a server
// that may not have the TypeScript toolchain; tests/integration/deploy-check.test.ts keeps them equal.
import { createHmac } from "node:crypto";

export const SELFTEST_PATH = "/api/downloads/selftest";
export const CANARY_KEY = ".selftest/canary.pdf";
export const CANARY_DISPLAY_NAME = "bindery-selftest-é.pdf";
export const CANARY_CONTENT_TYPE = "application/pdf";

export function signDownload(subject, expiresUnix, secret) {
  return createHmac("sha256", secret).update(`bindery-download:${subject}:${expiresUnix}`).digest("hex");
}

/** Path and query of a self-test link valid for `ttlSeconds`. */
export function selftestPath(secret, ttlSeconds = 300, nowUnix = Math.floor(Date.now() / 1000)) {
  const expires = nowUnix + ttlSeconds;
  return `${SELFTEST_PATH}?expires=${expires}&sig=${signDownload("selftest", expires, secret)}`;
}
