import Link from "next/link";
import { ORDER_STATUSES } from "@/lib/orders/policy";
import { ORDER_SORTS, type OrderListQuery } from "@/lib/orders/staff-order-query";
import { statusLabel } from "./format";

/** A GET form: every search is a URL staff can bookmark or paste to a colleague. */
export function OrderFilters({ query }: { query: OrderListQuery }) {
  return (
    <form
      method="get"
      action="/admin/orders"
      role="search"
      aria-label="Orders"
      className="mt-6 grid gap-4 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6"
    >
      <div className="sm:col-span-2">
        <label htmlFor="q" className="label">
          Search
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          placeholder="Email, order id, cs_… or pi_…"
          className="field"
        />
      </div>
      <div>
        <label htmlFor="status" className="label">
          Status
        </label>
        <select id="status" name="status" defaultValue={query.status ?? ""} className="field">
          <option value="">Any</option>
          {ORDER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="from" className="label">
          Created from
        </label>
        <input id="from" name="from" type="date" defaultValue={query.from ?? ""} className="field" />
      </div>
      <div>
        <label htmlFor="to" className="label">
          Created to
        </label>
        <input id="to" name="to" type="date" defaultValue={query.to ?? ""} className="field" />
      </div>
      <div>
        <label htmlFor="sort" className="label">
          Sort
        </label>
        <select id="sort" name="sort" defaultValue={query.sort} className="field">
          {Object.entries(ORDER_SORTS).map(([key, sort]) => (
            <option key={key} value={key}>
              {sort.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-end gap-3 lg:col-span-6">
        <button type="submit" className="btn-primary">
          Search
        </button>
        <Link href="/admin/orders" className="btn-secondary">
          Clear
        </Link>
      </div>
    </form>
  );
}
