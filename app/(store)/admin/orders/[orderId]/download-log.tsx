import type { StaffOrderDetail } from "@/lib/orders/order-detail";
import { formatUtc } from "../format";
import { OutcomeBadge } from "../status-badge";
import { ScrollRegion } from "@/app/components/scroll-region";

export function DownloadLog({ downloads }: { downloads: StaffOrderDetail["downloads"] }) {
  if (downloads.total === 0) return <p className="p-4 text-sm text-stone-700">No download attempts yet.</p>;
  return (
    <ScrollRegion label="Download log">
      <table className="w-full text-left text-xs" data-testid="download-log">
        <caption className="sr-only">Download log, newest first</caption>
        <thead className="bg-stone-100 text-stone-800">
          <tr>
            <th scope="col" className="p-2">
              Time
            </th>
            <th scope="col" className="p-2">
              File
            </th>
            <th scope="col" className="p-2">
              Outcome
            </th>
            <th scope="col" className="p-2">
              IP
            </th>
            <th scope="col" className="p-2">
              User agent
            </th>
            <th scope="col" className="p-2">
              Range
            </th>
            <th scope="col" className="p-2">
              Version
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {downloads.events.map((event) => (
            <tr key={event.id}>
              <td className="whitespace-nowrap p-2">{formatUtc(event.createdAt)}</td>
              <td className="p-2">{event.file}</td>
              <td className="p-2">
                <OutcomeBadge outcome={event.outcome} />
              </td>
              <td className="whitespace-nowrap p-2 font-mono">{event.ip ?? "—"}</td>
              <td className="max-w-56 truncate p-2" title={event.userAgent ?? undefined}>
                {event.userAgent ?? "—"}
              </td>
              <td className="whitespace-nowrap p-2 font-mono">{event.range ?? "whole file"}</td>
              <td className="p-2">{event.fileVersion ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {downloads.total > downloads.events.length && (
        <p className="p-2 text-xs text-stone-600">
          The latest {downloads.events.length} of {downloads.total} attempts. Export the download log for all of them.
        </p>
      )}
    </ScrollRegion>
  );
}
