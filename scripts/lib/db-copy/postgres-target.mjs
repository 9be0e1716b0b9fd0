// The PostgreSQL side: what its schema holds (read from its catalog, so nothing here lists tables by hand),
// whether it is empty, and batched inserts.
import pg from "pg";

const quote = (name) => `"${name.replaceAll('"', '""')}"`;
// One statement takes at most 65,535 parameters; 500 rows keep each round trip small.
const MAX_PARAMETERS = 65_535;
const MAX_BATCH_ROWS = 500;

/** Bindery's tables in the public schema, each with its columns ({ name, dataType, serial }). */
async function readTables(client) {
  const { rows } = await client.query(`
    SELECT c.table_name, c.column_name, c.data_type,
           (c.column_default LIKE 'nextval(%' OR c.is_identity = 'YES') AS serial
    FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'
    ORDER BY c.table_name, c.ordinal_position`);
  const tables = new Map();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? [];
    columns.push({ name: row.column_name, dataType: row.data_type, serial: row.serial === true });
    tables.set(row.table_name, columns);
  }
  return tables;
}

/** For each table, the tables its foreign keys point to. */
async function readReferences(client) {
  const { rows } = await client.query(`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = 'public'`);
  const references = new Map();
  const bare = (name) => name.replace(/^"(.*)"$/, "$1").replaceAll('""', '"');
  for (const { child, parent } of rows) {
    const set = references.get(bare(child)) ?? new Set();
    set.add(bare(parent));
    references.set(bare(child), set);
  }
  return references;
}

export async function connectPostgresTarget(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();

  const count = async (table) => Number((await client.query(`SELECT count(*) AS n FROM ${quote(table)}`)).rows[0].n);

  return {
    query: (sql, params) => client.query(sql, params),
    readTables: () => readTables(client),
    readReferences: () => readReferences(client),
    count,
    /** The tables among `tables` that exist here and hold rows, with their counts. */
    async tablesWithRows(tables) {
      const existing = await readTables(client);
      const found = [];
      for (const table of tables) {
        if (!existing.has(table)) continue;
        const rows = await count(table);
        if (rows > 0) found.push({ table, rows });
      }
      return found;
    },
    batchSize(columnCount) {
      return Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / columnCount)));
    },
    /** One multi-row INSERT of `rows` (arrays in `columns` order). */
    async insert(table, columns, rows) {
      const width = columns.length;
      const values = rows.map((_, r) => `(${columns.map((_, c) => `$${r * width + c + 1}`).join(", ")})`);
      await client.query(
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES ${values.join(", ")}`,
        rows.flat(),
      );
    },
    /** Moves a serial or identity column's sequence past the copied values, so the next insert does not collide. */
    async resetSequence(table, column) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${quote(column)}), 0) + 1, false)
         FROM ${quote(table)}`,
        [quote(table), column],
      );
    },
    end: () => client.end(),
  };
}
