"use client";

import { useState } from "react";
import { formatMoney } from "@/lib/catalog/money";
import { refundItemsAction, refundOrderAction } from "../actions";
import { ConfirmAction } from "./confirm-action";

export interface RefundableLine {
  id: string;
  title: string;
  unitPriceCents: number;
  refundedOn: string | null;
}

interface Props {
  orderId: string;
  currency: string;
  lines: RefundableLine[];
  /** Paid (or partly refunded) through Stripe: refunds are possible at all. */
  refundable: boolean;
  totalCents: number;
  remainingCents: number;
}

/** The order's lines with a checkbox per refundable item, and the two refund buttons. */
export function RefundItemsForm({ orderId, currency, lines, refundable, totalCents, remainingCents }: Props) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const formId = `refund-items-${orderId}`;
  const money = (cents: number) => formatMoney(cents, currency);
  const chosen = lines.filter((line) => selected.has(line.id) && line.refundedOn === null);
  const amount = Math.min(
    remainingCents,
    chosen.reduce((sum, line) => sum + line.unitPriceCents, 0),
  );
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <table className="w-full text-left text-sm" data-testid="order-lines">
        <caption className="sr-only">Lines</caption>
        <thead className="bg-stone-100 text-stone-800">
          <tr>
            <th scope="col" className="w-10 p-3">
              <span className="sr-only">Select</span>
            </th>
            <th scope="col" className="p-3">
              Book
            </th>
            <th scope="col" className="p-3">
              State
            </th>
            <th scope="col" className="p-3 text-right">
              Price
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {lines.map((line) => (
            <tr key={line.id}>
              <td className="p-3">
                {refundable && line.refundedOn === null && (
                  <input
                    type="checkbox"
                    name="itemId"
                    value={line.id}
                    form={formId}
                    aria-label={`Select ${line.title} for refund`}
                    checked={selected.has(line.id)}
                    onChange={(event) => toggle(line.id, event.target.checked)}
                    className="size-4"
                  />
                )}
              </td>
              <td className="p-3 font-medium">{line.title}</td>
              <td className="p-3">
                {line.refundedOn ? <span className="text-red-800">Refunded {line.refundedOn}</span> : "Kept"}
              </td>
              <td className="p-3 text-right">{money(line.unitPriceCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-stone-300 font-semibold">
            <td />
            <td className="p-3" colSpan={2}>
              Total
            </td>
            <td className="p-3 text-right">{money(totalCents)}</td>
          </tr>
        </tfoot>
      </table>
      {refundable && (
        <div className="flex flex-wrap items-start gap-3 border-t border-stone-200 p-3">
          <ConfirmAction
            formId={formId}
            action={refundItemsAction}
            fields={{ orderId }}
            label="Refund selected items"
            disabled={chosen.length === 0}
            danger
            title="Refund the selected items?"
            description={
              <>
                <ul className="mb-2 list-disc pl-5">
                  {chosen.map((line) => (
                    <li key={line.id}>
                      {line.title} — {money(line.unitPriceCents)}
                    </li>
                  ))}
                </ul>
                <p>
                  {money(amount)} goes back to the buyer through Stripe and the downloads of these items stop working.
                  Other items keep working.
                </p>
              </>
            }
            confirmLabel={`Refund ${money(amount)}`}
          />
          <ConfirmAction
            action={refundOrderAction}
            fields={{ orderId }}
            label="Refund whole order"
            danger
            title="Refund the whole order?"
            description={
              <p>
                {money(remainingCents)} (everything not refunded yet) goes back to the buyer through Stripe, and every
                download of this order stops working.
              </p>
            }
            confirmLabel={`Refund ${money(remainingCents)}`}
          />
        </div>
      )}
    </>
  );
}
