"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { UploadProgress } from "./upload-progress";
import { useXhrUpload } from "./use-xhr-upload";

interface Props {
  bookId: string;
  rules: { maxBytes: number; minSide: number; maxSide: number };
}

/** Replaces the cover with a PNG, JPEG or WebP image; the server checks type, size and dimensions. */
export function CoverUpload({ bookId, rules }: Props) {
  const router = useRouter();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const { state, start, cancel } = useXhrUpload();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const maxMb = rules.maxBytes / (1024 * 1024);

  async function upload(file: File) {
    setMessage(null);
    if (file.size > rules.maxBytes) {
      setMessage({ ok: false, text: `The image is larger than ${maxMb} MB.` });
      return;
    }
    const outcome = await start(`/api/admin/books/${encodeURIComponent(bookId)}/cover`, file);
    if (input.current) input.current.value = "";
    if (outcome.phase === "done") {
      setMessage({ ok: true, text: "Cover replaced." });
      router.refresh();
    }
    if (outcome.phase === "failed") setMessage({ ok: false, text: outcome.message });
    if (outcome.phase === "cancelled") setMessage({ ok: false, text: "Upload cancelled; the cover is unchanged." });
  }

  const busy = state.phase === "uploading" || state.phase === "processing";
  return (
    <div>
      <label htmlFor={inputId} className="label">
        Replace the cover
      </label>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        disabled={busy}
        aria-describedby={`${inputId}-help`}
        className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold hover:file:bg-stone-100"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) void upload(file);
        }}
      />
      <p id={`${inputId}-help`} className="mt-1 text-sm text-stone-600">
        PNG, JPEG or WebP, up to {maxMb} MB, {rules.minSide}–{rules.maxSide} pixels on each side (2:3 looks best).
      </p>
      <UploadProgress state={state} onCancel={cancel} />
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={`mt-2 text-sm ${message.ok ? "text-emerald-800" : "text-red-800"}`}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
