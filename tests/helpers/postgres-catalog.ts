import pg from "pg";

/**
 * What a PostgreSQL database's public schema looks like, as sorted lines: enums (labels in order), columns
 * (type, NOT NULL, default), indexes and constraints (as PostgreSQL itself prints them: primary, unique and
 * foreign keys with their actions, checks). Column order is left out: a column added by a later migration
 * lands last, which changes nothing. Prisma's bookkeeping table and triggers are left out (triggers are
 * tested by behaviour).
 */
export async function postgresCatalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = async (sql: string) => (await client.query<{ line: string }>(sql)).rows.map((row) => row.line);
    const tables = `
      SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`;
    const queries = [
      `
        SELECT 'enum ' || t.typname || ' (' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) || ')' AS line
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname`,
      `SELECT 'table ' || relname AS line FROM (${tables}) t`,
      `
        SELECT 'column ' || t.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
          || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
          || ' DEFAULT ' || coalesce(pg_get_expr(d.adbin, d.adrelid), 'null') AS line
        FROM (${tables}) t JOIN pg_attribute a ON a.attrelid = t.oid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped`,
      `
        SELECT pg_get_indexdef(i.indexrelid) AS line
        FROM (${tables}) t JOIN pg_index i ON i.indrelid = t.oid`,
      `
        SELECT 'CONSTRAINT ' || c.conname || ' ON ' || t.relname || ' ' || pg_get_constraintdef(c.oid) AS line
        FROM (${tables}) t JOIN pg_constraint c ON c.conrelid = t.oid`,
    ];
    const lines: string[] = [];
    for (const sql of queries) lines.push(...(await query(sql)));
    return lines.sort();
  } finally {
    await client.end();
  }
}

/** Runs a whole SQL script (several statements, no parameters) on `url`. */
export async function runPostgresScript(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
