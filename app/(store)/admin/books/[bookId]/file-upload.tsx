"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { formatBytes } from "@/lib/catalog/money";
import { UploadProgress } from "./upload-progress";
import { useXhrUpload } from "./use-xhr-upload";
import { FILE_INPUT_CLASS } from "./file-input-class";

interface Props {
  bookId: string;
  maxBytes: number;
  /** Set to upload a new version of this file instead of a new file. */
  replaces?: { id: string; name: string };
}

interface UploadedFile {
  file: { displayName: string; version: number; grantedToPastBuyers: number };
}

function successMessage(body: unknown): string {
  const { file } = body as UploadedFile;
  const given =
    file.grantedToPastBuyers > 0
      ? ` Given to ${file.grantedToPastBuyers} past buyer${file.grantedToPastBuyers === 1 ? "" : "s"}.`
      : "";
  return `Uploaded ${file.displayName} (version ${file.version}).${given}`;
}

/** Picks PDF/EPUB files and uploads them one after the other, each with a progress bar and Cancel. */
export function FileUpload({ bookId, maxBytes, replaces }: Props) {
  const router = useRouter();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const { state, start, cancel } = useXhrUpload();
  const [messages, setMessages] = useState<{ ok: boolean; text: string }[]>([]);
  const busy = state.phase === "uploading" || state.phase === "processing";

  async function uploadAll(files: File[]) {
    const results: { ok: boolean; text: string }[] = [];
    for (const file of files) {
      if (file.size > maxBytes) {
        results.push({ ok: false, text: `${file.name} is larger than ${formatBytes(maxBytes)}, the upload limit.` });
        continue;
      }
      const query = new URLSearchParams({ name: file.name, ...(replaces ? { replaces: replaces.id } : {}) });
      const outcome = await start(`/api/admin/books/${encodeURIComponent(bookId)}/files?${query}`, file);
      if (outcome.phase === "done") results.push({ ok: true, text: successMessage(outcome.body) });
      if (outcome.phase === "failed") results.push({ ok: false, text: `${file.name}: ${outcome.message}` });
      if (outcome.phase === "cancelled") {
        results.push({ ok: false, text: `${file.name}: upload cancelled, nothing was saved.` });
        break;
      }
    }
    setMessages(results);
    if (input.current) input.current.value = "";
    if (results.some((result) => result.ok)) router.refresh();
  }

  return (
    <div>
      <label htmlFor={inputId} className="label">
        {replaces ? `New version of ${replaces.name}` : "Add PDF or EPUB files"}
      </label>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept=".pdf,.epub,application/pdf,application/epub+zip"
        multiple={!replaces}
        disabled={busy}
        aria-describedby={`${inputId}-help`}
        className={FILE_INPUT_CLASS}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          if (files.length > 0) void uploadAll(files);
        }}
      />
      <p id={`${inputId}-help`} className="mt-1 text-sm text-stone-600">
        Up to {formatBytes(maxBytes)} each. The type is checked from the content, not the name.
      </p>
      <UploadProgress state={state} onCancel={cancel} />
      <ul aria-live="polite" className="mt-2 space-y-1 text-sm">
        {messages.map((message, index) => (
          // The role on an inner element: a list item with another role would leave the list (axe: list).
          <li key={index} className={message.ok ? "text-emerald-800" : "text-red-800"}>
            <span role={message.ok ? "status" : "alert"}>{message.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
