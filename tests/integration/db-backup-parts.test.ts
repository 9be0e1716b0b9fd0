import path from "node:path";
import { describe, expect, it } from "vitest";
import { firstErrorLine, pgDumpConnection } from "../../scripts/lib/db-backup-postgres.mjs";
import { formatSize, resolveTarget, temporaryPath, utcStamp } from "../../scripts/lib/db-backup-target.mjs";

describe("db:backup's PostgreSQL connection for pg_dump", () => {
  const url =
    "postgresql://shop:p%40ss%20word@db.example.com:5433/bindery?schema=store&connection_limit=5&sslmode=require";

  it("keeps the password off the command line, where every local user can read it", () => {
    const { dbname, env } = pgDumpConnection(url);
    expect(dbname).not.toContain("p%40ss");
    expect(dbname).toContain("shop@db.example.com:5433/bindery");
    expect(env.PGPASSWORD).toBe("p@ss word");
  });

  it("drops the parameters only Prisma knows, keeps libpq's, and dumps Prisma's schema", () => {
    const { dbname, schemaArgs } = pgDumpConnection(url);
    expect(new URL(dbname).searchParams.toString()).toBe("sslmode=require");
    expect(schemaArgs).toEqual(["--schema=store"]);
    expect(pgDumpConnection("postgresql://localhost/bindery").schemaArgs).toEqual([]);
  });

  it("reports pg_dump's first error line without its prefix", () => {
    const stderr =
      'pg_dump: error: connection to server at "127.0.0.1", port 1 failed: refused\n\tIs the server running?\n';
    expect(firstErrorLine(stderr)).toBe('connection to server at "127.0.0.1", port 1 failed: refused');
  });
});

describe("db:backup's file names", () => {
  const now = new Date("2026-12-02T03:15:07.123Z");

  it("are named by UTC time, sortable and without colons", () => {
    expect(utcStamp(now)).toBe("20261202T031507Z");
    expect(resolveTarget(undefined, { defaultDir: "/srv/b/backups", extension: ".db", now })).toBe(
      "/srv/b/backups/bindery-20261202T031507Z.db",
    );
  });

  it("resolve a relative target against the folder the owner typed it in", () => {
    const cwd = path.resolve(__dirname);
    expect(resolveTarget("copy.dump", { defaultDir: "/unused", extension: ".dump", now, cwd })).toBe(
      path.join(cwd, "copy.dump"),
    );
    expect(resolveTarget(".", { defaultDir: "/unused", extension: ".dump", now, cwd })).toBe(
      path.join(cwd, "bindery-20261202T031507Z.dump"),
    );
  });

  it("are written under a hidden temporary name in the same folder", () => {
    const temporary = temporaryPath("/srv/b/backups/x.db");
    expect(path.dirname(temporary)).toBe("/srv/b/backups");
    expect(path.basename(temporary)).toMatch(/^\.x\.db\.partial-\d+$/);
    expect(formatSize(11_430_000)).toBe("10.9 MB");
  });
});
