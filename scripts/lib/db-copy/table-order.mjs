/**
 * The tables in an order where every table comes after the tables its foreign keys point to, so each row's
 * parents are already in when it is inserted. `references` maps a table to the tables it points to. A
 * table pointing to itself is left to row order; a cycle between tables throws (the copy would need
 * deferred constraints, which Bindery's schema has no use for).
 */
export function tablesInForeignKeyOrder(tables, references) {
  const ordered = [];
  const state = new Map();
  const visit = (table, path) => {
    if (state.get(table) === "done") return;
    if (state.get(table) === "visiting") throw new Error(`foreign keys form a cycle: ${[...path, table].join(" → ")}`);
    state.set(table, "visiting");
    for (const parent of [...(references.get(table) ?? [])].sort()) {
      if (parent !== table && tables.includes(parent)) visit(parent, [...path, table]);
    }
    state.set(table, "done");
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table, []);
  return ordered;
}
