"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; fileName: string; loaded: number; total: number }
  | { phase: "processing"; fileName: string }
  | { phase: "done"; fileName: string; body: unknown }
  | { phase: "failed"; fileName: string; message: string }
  | { phase: "cancelled"; fileName: string };

function errorMessage(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    // not JSON: fall through to the status line
  }
  if (xhr.status === 413) return "The file is too large.";
  return `The upload failed (HTTP ${xhr.status || "no answer"}). Try again.`;
}

/**
 * Sends one file as the raw body of a POST with XMLHttpRequest: unlike fetch, it reports upload
 * progress, and abort() stops the transfer (the server then discards what it received).
 */
export function useXhrUpload() {
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const current = useRef<XMLHttpRequest | null>(null);

  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback((url: string, file: File) => {
    return new Promise<UploadState>((resolve) => {
      const xhr = new XMLHttpRequest();
      current.current = xhr;
      const finish = (next: UploadState) => {
        current.current = null;
        setState(next);
        resolve(next);
      };
      xhr.upload.onprogress = (event) => {
        const total = event.lengthComputable ? event.total : file.size;
        setState(
          event.loaded >= total
            ? { phase: "processing", fileName: file.name }
            : { phase: "uploading", fileName: file.name, loaded: event.loaded, total },
        );
      };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300)
          finish({ phase: "done", fileName: file.name, body: JSON.parse(xhr.responseText) as unknown });
        else finish({ phase: "failed", fileName: file.name, message: errorMessage(xhr) });
      };
      xhr.onerror = () =>
        finish({ phase: "failed", fileName: file.name, message: "The connection was lost. Try again." });
      xhr.onabort = () => finish({ phase: "cancelled", fileName: file.name });
      xhr.open("POST", url);
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      setState({ phase: "uploading", fileName: file.name, loaded: 0, total: file.size });
      xhr.send(file);
    });
  }, []);

  const cancel = useCallback(() => current.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: "idle" }), []);

  return { state, start, cancel, reset };
}
