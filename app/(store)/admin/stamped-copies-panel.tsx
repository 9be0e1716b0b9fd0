"use client";

import { useActionState } from "react";
import type { StampedDiskUse } from "@/lib/stamping/cleanup";
import { ActionMessage } from "./books/action-message";
import { cleanUpStampedCopiesAction } from "./actions";

/** Disk used by buyers' stamped copies, and (for admins) the cleanup of revoked and orphaned ones. */
export function StampedCopiesPanel({ use, size, canClean }: { use: StampedDiskUse; size: string; canClean: boolean }) {
  const [state, action, pending] = useActionState(cleanUpStampedCopiesAction, {});
  return (
    <section className="rounded-lg border border-stone-200 bg-white p-4" data-testid="stamped-copies">
      <h2 className="font-serif text-xl font-semibold">Stamped copies</h2>
      <p className="mt-1 text-sm text-stone-700">
        {use.copies.toLocaleString("en-US")} buyer cop{use.copies === 1 ? "y" : "ies"} · {size} on disk
        {use.failed > 0 && ` · ${use.failed} could not be stamped (sent unstamped; see their orders)`}
      </p>
      {canClean && (
        <form action={action} className="mt-3 flex flex-wrap items-center gap-3">
          <button type="submit" className="btn-secondary" disabled={pending}>
            Remove copies of revoked purchases and orphaned files
          </button>
          <ActionMessage state={state} />
        </form>
      )}
    </section>
  );
}
