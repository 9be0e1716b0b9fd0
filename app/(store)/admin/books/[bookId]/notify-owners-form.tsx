"use client";

import { useActionState } from "react";
import type { NoticeStatus } from "@/lib/orders/notify-owners";
import { notifyOwnersAction } from "../actions";
import { ActionMessage } from "../action-message";
import { ConfirmSubmit } from "../confirm-submit";

const owners = (count: number) => `${count} owner${count === 1 ? "" : "s"}`;
const day = (date: Date) => new Date(date).toISOString().slice(0, 10);

/** Mails the owners of a new version once (or resumes a run that stopped); says what it did before. */
export function NotifyOwnersForm({
  bookId,
  file,
  notice,
}: {
  bookId: string;
  file: { id: string; version: number };
  notice: NoticeStatus;
}) {
  const [state, action, pending] = useActionState(notifyOwnersAction, {});
  if (notice.state === "sent")
    return (
      <p className="text-sm text-stone-700" data-testid="notice-status">
        Owners were mailed about version {file.version}: {owners(notice.queued)} on {day(notice.completedAt)}.
      </p>
    );
  const label =
    notice.state === "interrupted"
      ? `Resume mailing owners about version ${file.version}`
      : `Mail owners about version ${file.version}`;
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="bookId" value={bookId} />
      <input type="hidden" name="fileId" value={file.id} />
      <p className="text-sm text-stone-700" data-testid="notice-status">
        {notice.state === "interrupted"
          ? `A run stopped after ${owners(notice.queued)} were mailed; ${owners(notice.owners)} may download ` +
            "it now. Resuming mails only those not mailed yet."
          : `Will mail ${owners(notice.owners)} who may download it (addresses that opted out are left out).`}
      </p>
      <ConfirmSubmit
        title={`${label}?`}
        message={
          <p>
            Each owner gets one mail with the changelog and a link to their library, once, however often this is run.
          </p>
        }
        confirmLabel="Send"
        disabled={pending || notice.owners === 0}
      >
        {label}
      </ConfirmSubmit>
      <ActionMessage state={state} />
    </form>
  );
}
