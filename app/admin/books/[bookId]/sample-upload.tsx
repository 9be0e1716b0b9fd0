"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { UploadProgress } from "./upload-progress";
import { useXhrUpload } from "./use-xhr-upload";

interface Props {
  bookId: string;
  maxBytes: number;
  /** The current sample's public URL, if any. */
  sampleUrl: string | null;
}

/** Replaces the free sample (a PDF or EPUB excerpt anyone may download); the server checks the type. */
export function SampleUpload({ bookId, maxBytes, sampleUrl }: Props) {
  const router = useRouter();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const { state, start, cancel } = useXhrUpload();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const maxMb = maxBytes / (1024 * 1024);

  async function upload(file: File) {
    setMessage(null);
    if (file.size > maxBytes) {
      setMessage({ ok: false, text: `The sample is larger than ${maxMb} MB.` });
      return;
    }
    const outcome = await start(`/api/admin/books/${encodeURIComponent(bookId)}/sample`, file);
    if (input.current) input.current.value = "";
    if (outcome.phase === "done") {
      setMessage({ ok: true, text: "Sample replaced." });
      router.refresh();
    }
    if (outcome.phase === "failed") setMessage({ ok: false, text: outcome.message });
    if (outcome.phase === "cancelled") setMessage({ ok: false, text: "Upload cancelled; the sample is unchanged." });
  }

  const busy = state.phase === "uploading" || state.phase === "processing";
  return (
    <div>
      <p className="text-sm text-stone-700">
        {sampleUrl ? (
          <a href={sampleUrl} className="underline">
            The current sample
          </a>
        ) : (
          "No sample yet."
        )}{" "}
        Anyone can download it from the book&rsquo;s page, without buying.
      </p>
      <label htmlFor={inputId} className="label mt-3">
        {sampleUrl ? "Replace the sample" : "Upload a sample"}
      </label>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept="application/pdf,application/epub+zip,.pdf,.epub"
        disabled={busy}
        aria-describedby={`${inputId}-help`}
        className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold hover:file:bg-stone-100"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) void upload(file);
        }}
      />
      <p id={`${inputId}-help`} className="mt-1 text-sm text-stone-600">
        A PDF or EPUB excerpt, up to {maxMb} MB. It is public: never upload the whole book here.
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
