// Types for deploy/check/selftest-link.mjs.
export const SELFTEST_PATH: string;
export const CANARY_KEY: string;
export const CANARY_DISPLAY_NAME: string;
export const CANARY_CONTENT_TYPE: string;
export function signDownload(subject: string, expiresUnix: number, secret: string): string;
export function selftestPath(secret: string, ttlSeconds?: number, nowUnix?: number): string;
