import type { StaffGrantView } from "@/lib/orders/order-detail";
import { sharedLinkThreshold } from "@/lib/orders/link-networks";
import { formatUtc } from "../format";
import { StatusBadge } from "../status-badge";
import { GrantActions } from "./grant-actions";
import { ScrollRegion } from "@/app/components/scroll-region";

const COPY_TEXT: Record<Exclude<StaffGrantView["copy"], "none">, string> = {
  preparing: "stamped copy being made",
  ready: "stamped copy ready",
  original: "sent unstamped",
};

interface Props {
  orderId: string;
  grants: StaffGrantView[];
  /** False when the order itself gives no access (refunded, unpaid): restoring a grant would change nothing. */
  canRestore: boolean;
  now: Date;
}

export function GrantsTable({ orderId, grants, canRestore, now }: Props) {
  if (grants.length === 0)
    return (
      <p className="p-4 text-sm text-stone-700">
        No download grants: the order was never paid, or its books had no files.
      </p>
    );
  const threshold = sharedLinkThreshold();
  return (
    <ScrollRegion label="Download grants">
      <table className="w-full text-left text-sm" data-testid="grants-table">
        <caption className="sr-only">Download grants</caption>
        <thead className="bg-stone-100 text-stone-800">
          <tr>
            <th scope="col" className="p-3">
              File
            </th>
            <th scope="col" className="p-3">
              Downloads
            </th>
            <th scope="col" className="p-3">
              Networks <span className="font-normal">30 d / 24 h</span>
            </th>
            <th scope="col" className="p-3">
              Expires
            </th>
            <th scope="col" className="p-3">
              State
            </th>
            <th scope="col" className="p-3">
              Actions
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {grants.map((grant) => (
            <tr key={grant.id} data-testid="grant-row" data-grant-id={grant.id} className="align-top">
              <td className="p-3">
                <span className="font-medium">{grant.file}</span>
                <span className="block text-xs text-stone-600">
                  {grant.itemTitle} · version {grant.version}
                  {grant.copy !== "none" && ` · ${COPY_TEXT[grant.copy]}`}
                </span>
                {grant.copyFailure && (
                  <span className="mt-1 block text-xs text-red-800" data-testid="stamp-failure">
                    Not stamped: {grant.copyFailure}. The buyer gets the original file.
                  </span>
                )}
              </td>
              <td className="whitespace-nowrap p-3">
                {grant.downloadsUsed} used
                <span className="block text-xs text-stone-600">
                  {grant.downloadsLeft === null ? "unlimited" : `${grant.downloadsLeft} of ${grant.downloadLimit} left`}
                </span>
              </td>
              <td className="p-3" data-testid="grant-networks">
                <span className="whitespace-nowrap">
                  {grant.networks.month} / {grant.networks.day}
                </span>
                {grant.networks.flagged && (
                  <span
                    className="mt-1 block rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-950"
                    data-testid="shared-link-flag"
                  >
                    {`Link shared? Seen from ${grant.networks.month} networks in 30 days (more than ${threshold})`}
                  </span>
                )}
                {grant.linkGeneration > 0 && (
                  <span className="mt-1 block text-xs text-stone-600">
                    {`Links stopped ${grant.linkGeneration} time${grant.linkGeneration === 1 ? "" : "s"}`}
                  </span>
                )}
              </td>
              <td className="whitespace-nowrap p-3">{grant.expiresAt ? formatUtc(grant.expiresAt) : "Never"}</td>
              <td className="p-3">
                <StatusBadge status={grant.state} />
                {grant.revokedReason && (
                  <span className="mt-1 block text-xs text-stone-700">{grant.revokedReason}</span>
                )}
              </td>
              <td className="p-3">
                <GrantActions orderId={orderId} grant={grant} canRestore={canRestore} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
