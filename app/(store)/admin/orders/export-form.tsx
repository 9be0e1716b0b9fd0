import { formatDay } from "./format";

const DAY_MS = 86_400_000;

/** Plain GET forms to the export routes: the browser downloads the streamed CSV itself. */
export function ExportForm({ now = new Date() }: { now?: Date }) {
  const to = formatDay(now);
  const from = formatDay(new Date(now.getTime() - 29 * DAY_MS));
  return (
    <section aria-labelledby="export-heading" className="mt-10 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="export-heading" className="font-serif text-xl font-semibold">
        Export CSV
      </h2>
      <form method="get" action="/api/admin/exports/orders" className="mt-3 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="export-from" className="label">
            From
          </label>
          <input id="export-from" name="from" type="date" required defaultValue={from} className="field" />
        </div>
        <div>
          <label htmlFor="export-to" className="label">
            To
          </label>
          <input id="export-to" name="to" type="date" required defaultValue={to} className="field" />
        </div>
        <button type="submit" className="btn-secondary">
          Export orders
        </button>
        <button type="submit" formAction="/api/admin/exports/downloads" className="btn-secondary">
          Export download log
        </button>
      </form>
      <p className="mt-2 text-xs text-stone-600">
        Dates are UTC and inclusive. Cells that a spreadsheet would run as formulas are escaped.
      </p>
    </section>
  );
}
