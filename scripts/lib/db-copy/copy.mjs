// The copy itself: every table, in foreign-key order, in batches, inside one PostgreSQL transaction that
// commits only when every table holds as many rows as the SQLite snapshot did.
import { converterFor } from "./convert.mjs";
import { tablesInForeignKeyOrder } from "./table-order.mjs";

const quote = (name) => `"${name.replaceAll('"', '""')}"`;

/** Each table's columns with the function that converts their SQLite values; throws on a type it cannot convert. */
function plan(postgresTables) {
  const plans = new Map();
  for (const [table, columns] of postgresTables) {
    plans.set(
      table,
      columns.map((column) => {
        const convert = converterFor(column.dataType);
        if (!convert) throw new Error(`no conversion for ${table}.${column.name} (${column.dataType})`);
        return { ...column, convert };
      }),
    );
  }
  return plans;
}

async function copyTable(source, target, table, columns) {
  const names = columns.map((column) => column.name);
  const size = target.batchSize(names.length);
  let batch = [];
  let copied = 0;
  for (const row of source.rows(table, names)) {
    batch.push(
      row.map((value, i) => {
        try {
          return columns[i].convert(value);
        } catch (error) {
          // The first column is the primary key in every Bindery table: enough to find the row.
          throw new Error(`${table}.${names[i]} of row ${String(row[0])}: ${error.message}`);
        }
      }),
    );
    if (batch.length === size) {
      await target.insert(table, names, batch);
      copied += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await target.insert(table, names, batch);
  return copied + batch.length;
}

/**
 * Copies `source` (an open SQLite snapshot) into `target` (a connected, migrated, empty PostgreSQL database).
 * Returns each table's rows on both sides, in copy order, and whether it committed. `onTable` hears each
 * table as it is done.
 */
export async function copyDatabase(source, target, onTable = () => {}) {
  const postgresTables = await target.readTables();
  const plans = plan(postgresTables);
  const order = tablesInForeignKeyOrder([...postgresTables.keys()], await target.readReferences());

  await target.query("BEGIN");
  try {
    // Nothing else writes these tables until the copy commits or rolls back; the emptiness check inside
    // the lock is the one that counts (another copy may have filled them since the first check).
    await target.query(`LOCK TABLE ${order.map(quote).join(", ")} IN ACCESS EXCLUSIVE MODE`);
    for (const table of order) {
      if ((await target.count(table)) > 0) throw new Error(`table ${table} is no longer empty`);
    }
    const counts = [];
    for (const table of order) {
      const columns = plans.get(table) ?? [];
      await copyTable(source, target, table, columns);
      for (const column of columns) if (column.serial) await target.resetSequence(table, column.name);
      counts.push({ table, source: source.count(table), target: await target.count(table) });
      onTable(table);
    }
    const complete = counts.every((row) => row.source === row.target);
    await target.query(complete ? "COMMIT" : "ROLLBACK");
    return { counts, committed: complete };
  } catch (error) {
    await target.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
