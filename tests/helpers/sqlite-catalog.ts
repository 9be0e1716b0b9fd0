import Database from "better-sqlite3";

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}
interface IndexEntry {
  name: string;
  unique: number;
  origin: string;
  partial: number;
}
interface IndexColumn {
  name: string | null;
  desc: number;
  coll: string;
  key: number;
}
interface ForeignKey {
  id: number;
  table: string;
  from: string;
  to: string;
  on_update: string;
  on_delete: string;
}

/**
 * What a SQLite database's tables look like, as sorted lines: columns (type, NOT NULL, default, primary
 * key), indexes (unique, columns in order, direction, collation) and foreign keys (actions). Column and
 * constraint order are left out: a column added by a later migration lands last, which changes nothing.
 * Prisma's own bookkeeping table and triggers are left out too (triggers are tested by behaviour).
 */
export function sqliteCatalog(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const lines: string[] = [];
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
      )
      .all() as { name: string }[];
    for (const { name: table } of tables) {
      lines.push(`table ${table}`);
      for (const c of db.pragma(`table_info("${table}")`) as Column[]) {
        const pk = c.pk ? ` PRIMARY KEY#${c.pk}` : "";
        lines.push(`column ${table}.${c.name} ${c.type}${c.notnull ? " NOT NULL" : ""} DEFAULT ${c.dflt_value}${pk}`);
      }
      for (const index of db.pragma(`index_list("${table}")`) as IndexEntry[]) {
        // The primary key's automatic index is named by position; the columns' pk flags above cover it.
        if (index.origin === "pk") continue;
        const columns = (db.pragma(`index_xinfo("${index.name}")`) as IndexColumn[])
          .filter((column) => column.key)
          .map((column) => `${column.name}${column.desc ? " DESC" : ""} ${column.coll}`);
        const kind = `${index.unique ? "UNIQUE " : ""}${index.partial ? "PARTIAL " : ""}INDEX`;
        lines.push(`${kind} ${index.name} ON ${table}(${columns.join(", ")}) origin=${index.origin}`);
      }
      const keys = new Map<number, ForeignKey[]>();
      for (const key of db.pragma(`foreign_key_list("${table}")`) as ForeignKey[]) {
        keys.set(key.id, [...(keys.get(key.id) ?? []), key]);
      }
      for (const parts of keys.values()) {
        const [first] = parts;
        if (!first) continue;
        const from = parts.map((part) => part.from).join(", ");
        const to = parts.map((part) => part.to).join(", ");
        lines.push(
          `FOREIGN KEY ${table}(${from}) REFERENCES ${first.table}(${to}) ` +
            `ON DELETE ${first.on_delete} ON UPDATE ${first.on_update}`,
        );
      }
    }
    return lines.sort();
  } finally {
    db.close();
  }
}
