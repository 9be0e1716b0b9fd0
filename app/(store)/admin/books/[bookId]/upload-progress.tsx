"use client";

import { formatBytes } from "@/lib/catalog/money";
import type { UploadState } from "./use-xhr-upload";

/** The progress bar (bytes and percent) with its Cancel button, while an upload is under way. */
export function UploadProgress({ state, onCancel }: { state: UploadState; onCancel: () => void }) {
  if (state.phase !== "uploading" && state.phase !== "processing") return null;
  const loaded = state.phase === "uploading" ? state.loaded : 1;
  const total = state.phase === "uploading" ? state.total : 1;
  const percent = total > 0 ? Math.floor((loaded / total) * 100) : 0;
  const label =
    state.phase === "uploading"
      ? `${formatBytes(loaded)} of ${formatBytes(total)} (${percent}%)`
      : "Checking and saving…";
  return (
    <div className="mt-3 rounded-md border border-stone-200 bg-stone-50 p-3" data-testid="upload-progress">
      <div className="flex items-center justify-between gap-3 text-sm">
        <span className="truncate font-medium">{state.fileName}</span>
        <span className="shrink-0 tabular-nums text-stone-700" data-testid="upload-progress-label">
          {label}
        </span>
      </div>
      <progress
        className={[
          "mt-2 h-2 w-full overflow-hidden rounded-full accent-accent",
          "[&::-webkit-progress-bar]:bg-stone-200 [&::-webkit-progress-value]:bg-accent",
        ].join(" ")}
        max={100}
        value={percent}
        aria-label={`Uploading ${state.fileName}`}
        aria-valuetext={label}
      />
      {state.phase === "uploading" && (
        <button type="button" className="btn-secondary mt-2" onClick={onCancel}>
          Cancel upload
        </button>
      )}
    </div>
  );
}
