import { beforeEach } from "vitest";

declare module "vitest" {
  interface TaskMeta {
    /** The database the test's project ran on: the JSON report carries it to the summary. */
    database?: string;
  }
}

beforeEach(({ task }) => {
  task.meta.database = process.env.BINDERY_TEST_DB;
});
