import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresCatalog, runPostgresScript } from "../helpers/postgres-catalog";
import { startPostgres, type PostgresCluster } from "../helpers/postgres";
import { prisma, schemaFromEmptySql } from "../helpers/prisma-cli";
import { sqliteCatalog } from "../helpers/sqlite-catalog";
import { PROJECT_ROOT } from "../helpers/test-env";

// Each provider's migrations, applied to a fresh database with `prisma migrate deploy`, must build exactly
// what Prisma would build from today's schema (`migrate diff --from-empty`, applied to a second fresh
// database): a field added to prisma/schema.prisma without a migration for either provider fails here.

const tmp = mkdtempSync(path.join(os.tmpdir(), "bindery-parity-"));
let cluster: PostgresCluster | undefined;
const sqlite = { migrated: path.join(tmp, "migrated.db"), reference: path.join(tmp, "reference.db") };
const postgres = { migrated: "", reference: "" };

/** Today's PostgreSQL schema, derived afresh from prisma/schema.prisma (not the committed copy). */
const deriveSchema = () =>
  execFileSync(process.execPath, ["scripts/prisma-postgres-schema.mjs", "--stdout"], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
  });

async function buildSqlite() {
  const [, sql] = await Promise.all([
    prisma("sqlite", `file:${sqlite.migrated}`, ["migrate", "deploy"]),
    schemaFromEmptySql("sqlite", `file:${path.join(tmp, "scratch.db")}`, path.join("prisma", "schema.prisma")),
  ]);
  const db = new Database(sqlite.reference);
  db.exec(sql);
  db.close();
}

async function buildPostgres() {
  const schemaPath = path.join(tmp, "schema.prisma");
  writeFileSync(schemaPath, deriveSchema());
  cluster = await startPostgres();
  [postgres.migrated, postgres.reference] = await Promise.all([
    cluster.createDatabase("migrated"),
    cluster.createDatabase("reference"),
  ]);
  const [, sql] = await Promise.all([
    prisma("postgresql", postgres.migrated, ["migrate", "deploy"]),
    schemaFromEmptySql("postgresql", postgres.reference, schemaPath),
  ]);
  await runPostgresScript(postgres.reference, sql);
}

beforeAll(async () => {
  const built = await Promise.allSettled([buildSqlite(), buildPostgres()]);
  for (const result of built) if (result.status === "rejected") throw result.reason;
}, 300_000);

afterAll(() => {
  cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("the derived PostgreSQL schema", () => {
  it("is what scripts/prisma-postgres-schema.mjs makes of prisma/schema.prisma today", () => {
    const committed = readFileSync(path.join(PROJECT_ROOT, "prisma", "postgresql", "schema.prisma"), "utf8");
    expect(committed).toContain('provider = "postgresql"');
    expect(deriveSchema()).toBe(committed);
  });
});

describe.each([
  { provider: "SQLite", catalogs: async () => [sqliteCatalog(sqlite.migrated), sqliteCatalog(sqlite.reference)] },
  {
    provider: "PostgreSQL",
    catalogs: async () => Promise.all([postgresCatalog(postgres.migrated), postgresCatalog(postgres.reference)]),
  },
])("$provider migrations", ({ catalogs }) => {
  it("build exactly the tables, columns, indexes and keys of the current schema", async () => {
    const [migrated, reference] = await catalogs();
    expect(reference).toContain("table AuditLog");
    expect(reference.some((line) => line.includes("FOREIGN KEY"))).toBe(true);
    expect(migrated).toEqual(reference);
  });
});

describe("AuditLog is append-only", () => {
  const row = { id: "audit-1", action: "order.refund", targetType: "Order", targetId: "ord_1" };

  it("on SQLite: rows go in, and UPDATE and DELETE are refused", () => {
    const db = new Database(sqlite.migrated);
    try {
      db.prepare(`INSERT INTO "AuditLog" (id, action, targetType, targetId) VALUES (?, ?, ?, ?)`).run(
        row.id,
        row.action,
        row.targetType,
        row.targetId,
      );
      expect(() => db.prepare(`UPDATE "AuditLog" SET action = 'edited'`).run()).toThrow(/AuditLog is append-only/);
      expect(() => db.prepare(`DELETE FROM "AuditLog"`).run()).toThrow(/AuditLog is append-only/);
      expect(db.prepare(`SELECT id, action FROM "AuditLog"`).all()).toEqual([{ id: row.id, action: row.action }]);
    } finally {
      db.close();
    }
  });

  it("on PostgreSQL: rows go in, and UPDATE and DELETE are refused", async () => {
    const client = new pg.Client({ connectionString: postgres.migrated });
    await client.connect();
    try {
      await client.query(`INSERT INTO "AuditLog" (id, action, "targetType", "targetId") VALUES ($1, $2, $3, $4)`, [
        row.id,
        row.action,
        row.targetType,
        row.targetId,
      ]);
      await expect(client.query(`UPDATE "AuditLog" SET action = 'edited'`)).rejects.toThrow(/AuditLog is append-only/);
      await expect(client.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/AuditLog is append-only/);
      const { rows } = await client.query(`SELECT id, action FROM "AuditLog"`);
      expect(rows).toEqual([{ id: row.id, action: row.action }]);
    } finally {
      await client.end();
    }
  });
});
