import type { TimelineEntry } from "@/lib/orders/staff-timeline";
import { formatUtc } from "../format";

export function OrderTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <section aria-labelledby="timeline-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="timeline-heading" className="font-serif text-xl font-semibold">
        Timeline
      </h2>
      <ol className="mt-3 space-y-3 border-l-2 border-stone-200 pl-4 text-sm" data-testid="timeline">
        {entries.map((entry, index) => (
          <li key={index} className="relative">
            <span aria-hidden className="absolute -left-[1.4rem] top-1.5 size-2.5 rounded-full bg-stone-400" />
            <p className="font-medium">{entry.title}</p>
            <p className="text-xs text-stone-600">
              <time dateTime={entry.at.toISOString()}>{formatUtc(entry.at)}</time>
              {entry.actor && ` · ${entry.actor}`}
            </p>
            {entry.detail && <p className="text-xs text-stone-700">{entry.detail}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
