/**
 * What differs between the SQLite tables (name → column names) and the PostgreSQL ones (name → columns),
 * one line each; empty when both hold the same tables with the same columns. A difference means one side
 * is not at the current schema, and copying would drop or misplace data.
 */
export function schemaDifferences(sqliteTables, postgresTables) {
  const lines = [];
  for (const table of sqliteTables.keys()) {
    if (!postgresTables.has(table)) lines.push(`table ${table} is only in SQLite`);
  }
  for (const [table, columns] of postgresTables) {
    const sqliteColumns = sqliteTables.get(table);
    if (!sqliteColumns) {
      lines.push(`table ${table} is only in PostgreSQL`);
      continue;
    }
    const postgresColumns = columns.map((column) => column.name);
    for (const column of sqliteColumns) {
      if (!postgresColumns.includes(column)) lines.push(`column ${table}.${column} is only in SQLite`);
    }
    for (const column of postgresColumns) {
      if (!sqliteColumns.includes(column)) lines.push(`column ${table}.${column} is only in PostgreSQL`);
    }
  }
  return lines.sort();
}
