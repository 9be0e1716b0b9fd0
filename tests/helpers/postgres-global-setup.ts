import { rmSync } from "node:fs";
import { startPostgres } from "./postgres";
import { publishTemplate } from "./store-template";
import { CLUSTER_URL_VARIABLE } from "./test-database";
import { prepareTestEnvironment } from "./test-env";

/**
 * The PostgreSQL test project's one throwaway cluster, and its store template: workers inherit the
 * cluster's URL and give each store its own database, a copy of the template's (test-database.ts).
 */
export default async function setup(): Promise<() => void> {
  const cluster = await startPostgres();
  process.env[CLUSTER_URL_VARIABLE] = cluster.url("postgres");
  const template = prepareTestEnvironment("template", {}, { provider: "postgresql" });
  publishTemplate("postgresql", { dir: template.dir, databaseUrl: template.env.DATABASE_URL });
  return () => {
    cluster.stop();
    rmSync(template.dir, { recursive: true, force: true });
  };
}
