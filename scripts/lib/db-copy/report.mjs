/** The per-table row counts as an aligned table, a line per table, with the differing ones marked. */
export function formatCounts(counts) {
  const width = Math.max("table".length, ...counts.map((row) => row.table.length));
  const header = `${"table".padEnd(width)}  ${"SQLite".padStart(10)}  ${"PostgreSQL".padStart(10)}`;
  const lines = counts.map(
    (row) =>
      `${row.table.padEnd(width)}  ${String(row.source).padStart(10)}  ${String(row.target).padStart(10)}` +
      (row.source === row.target ? "" : "  DIFFERS"),
  );
  return [header, ...lines].join("\n");
}
