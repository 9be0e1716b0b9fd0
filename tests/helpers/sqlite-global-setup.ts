import { rmSync } from "node:fs";
import { publishTemplate } from "./store-template";
import { prepareTestEnvironment } from "./test-env";

/** The SQLite test project's store template: migrated and seeded once, copied by every suite. */
export default function setup(): () => void {
  const template = prepareTestEnvironment("template", {}, { provider: "sqlite" });
  publishTemplate("sqlite", { dir: template.dir, databaseUrl: template.env.DATABASE_URL });
  return () => rmSync(template.dir, { recursive: true, force: true });
}
