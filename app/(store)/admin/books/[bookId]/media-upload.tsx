"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type ReactNode } from "react";
import { UploadProgress } from "./upload-progress";
import { useXhrUpload } from "./use-xhr-upload";
import { FILE_INPUT_CLASS } from "./file-input-class";

interface Props {
  /** The upload route (POST, the file as the raw body). */
  endpoint: string;
  label: string;
  accept: string;
  maxBytes: number;
  /** What the file must be, under the field. */
  help: ReactNode;
  /** "Cover", "Sample": the message's subject. */
  subject: string;
}

/** One public file of a book (cover, sample) replaced by upload; the server checks what it receives. */
export function MediaUpload({ endpoint, label, accept, maxBytes, help, subject }: Props) {
  const router = useRouter();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const { state, start, cancel } = useXhrUpload();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function upload(file: File) {
    setMessage(null);
    if (file.size > maxBytes) {
      setMessage({ ok: false, text: `The file is larger than ${maxBytes / (1024 * 1024)} MB.` });
      return;
    }
    const outcome = await start(endpoint, file);
    if (input.current) input.current.value = "";
    if (outcome.phase === "done") {
      setMessage({ ok: true, text: `${subject} replaced.` });
      router.refresh();
    }
    if (outcome.phase === "failed") setMessage({ ok: false, text: outcome.message });
    if (outcome.phase === "cancelled")
      setMessage({ ok: false, text: `Upload cancelled; the ${subject.toLowerCase()} is unchanged.` });
  }

  const busy = state.phase === "uploading" || state.phase === "processing";
  return (
    <div>
      <label htmlFor={inputId} className="label">
        {label}
      </label>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={accept}
        disabled={busy}
        aria-describedby={`${inputId}-help`}
        className={FILE_INPUT_CLASS}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) void upload(file);
        }}
      />
      <p id={`${inputId}-help`} className="mt-1 text-sm text-stone-600">
        {help}
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
