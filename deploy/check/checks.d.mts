// Types for deploy/check/checks.mjs (plain Node ESM, run by `npm run deploy:check`).
export interface CheckResult {
  status: "PASS" | "FAIL" | "SKIP";
  title: string;
  detail: string;
  fix?: string;
}

export interface CheckSettings {
  base: URL;
  secret: string;
  protectedRoot: string;
  sendfileUrl: string;
  backend: string;
  appPort: number;
  projectRoot: string;
  isLoopback?: (host: string) => boolean;
}

export function runChecks(settings: CheckSettings): Promise<CheckResult[]>;
export function appPortCheck(base: URL, appPort: number, isLoopback?: (host: string) => boolean): Promise<CheckResult>;
export function expectedDisposition(): string;
