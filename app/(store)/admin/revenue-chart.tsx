import { formatMoney } from "@/lib/catalog/money";
import type { RevenueDay } from "@/lib/admin/dashboard";

const WIDTH = 720;
const HEIGHT = 260;
const PAD = { top: 16, right: 8, bottom: 28, left: 64 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`: round axis labels. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 100;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

const shortDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/**
 * Net revenue per day as plain SVG bars (no client JavaScript, no chart library). Screen readers get the
 * title and a summary; everyone can open the exact numbers as a table below it.
 */
export function RevenueChart({ days, currency, label }: { days: RevenueDay[]; currency: string; label: string }) {
  const max = niceCeiling(Math.max(...days.map((day) => day.netCents)));
  const axisMoney = (cents: number) =>
    new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: currency.toUpperCase(),
      maximumFractionDigits: 0,
    }).format(cents / 100);
  const slot = PLOT_W / days.length;
  const total = days.reduce((sum, day) => sum + day.netCents, 0);
  const best = days.reduce((top, day) => (day.netCents > top.netCents ? day : top), days[0]);
  const summary =
    total === 0
      ? `No paid orders between ${days[0].day} and ${days.at(-1)?.day}.`
      : `${formatMoney(total, currency)} in total between ${days[0].day} and ${days.at(-1)?.day}; best day ` +
        `${best.day} with ${formatMoney(best.netCents, currency)}.`;

  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-4" data-testid="revenue-chart">
      <figcaption className="font-serif text-xl font-semibold">{label}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="revenue-title revenue-desc"
        className="mt-3 h-auto w-full"
      >
        <title id="revenue-title">{label}</title>
        <desc id="revenue-desc">{summary}</desc>
        {[0, 0.5, 1].map((fraction) => {
          const y = PAD.top + PLOT_H * (1 - fraction);
          return (
            <g key={fraction}>
              <line
                x1={PAD.left}
                x2={WIDTH - PAD.right}
                y1={y}
                y2={y}
                stroke="#d6d3d1"
                strokeDasharray={fraction === 0 ? undefined : "4 4"}
              />
              <text x={PAD.left - 8} y={y + 4} textAnchor="end" fontSize="12" fill="#57534e">
                {axisMoney(max * fraction)}
              </text>
            </g>
          );
        })}
        {days.map((day, index) => {
          const height = (day.netCents / max) * PLOT_H;
          const x = PAD.left + index * slot;
          return (
            <g key={day.day}>
              <rect
                x={x + slot * 0.15}
                y={PAD.top + PLOT_H - height}
                width={slot * 0.7}
                height={height}
                rx="2"
                fill="#9a3412"
              >
                <title>
                  {`${day.day}: ${formatMoney(day.netCents, currency)} ` +
                    `(${day.orders} order${day.orders === 1 ? "" : "s"})`}
                </title>
              </rect>
              {(index % 5 === 0 || index === days.length - 1) && (
                <text x={x + slot / 2} y={HEIGHT - 8} textAnchor="middle" fontSize="12" fill="#57534e">
                  {shortDay(day.day)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <p className="mt-2 text-sm text-stone-700">{summary}</p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer font-medium">Show the numbers</summary>
        <table className="mt-2 w-full text-left">
          <caption className="sr-only">{label}, per day</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1">
                Day
              </th>
              <th scope="col" className="py-1 text-right">
                Orders
              </th>
              <th scope="col" className="py-1 text-right">
                Net revenue
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {days.map((day) => (
              <tr key={day.day}>
                <td className="py-1">{day.day}</td>
                <td className="py-1 text-right">{day.orders}</td>
                <td className="py-1 text-right">{formatMoney(day.netCents, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
