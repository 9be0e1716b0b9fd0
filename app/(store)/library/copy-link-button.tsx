"use client";

import { useState } from "react";
import { copyLinkAction } from "./actions";

export function CopyLinkButton({ grantId, hoursValid }: { grantId: string; hoursValid: number }) {
  const [status, setStatus] = useState<string | null>(null);
  const [url, setUrl] = useState<string | null>(null);

  async function copy() {
    setStatus("Creating link…");
    const result = await copyLinkAction(grantId);
    if (!result.url) return setStatus(result.error ?? "Could not create a link.");
    setUrl(result.url);
    try {
      await navigator.clipboard.writeText(result.url);
      setStatus(`Link copied — valid for ${hoursValid} hours.`);
    } catch {
      setStatus(`Copy this link — valid for ${hoursValid} hours:`);
    }
  }

  return (
    <div className="text-sm">
      <button type="button" onClick={copy} className="btn-secondary">
        Copy a link
      </button>
      <p role="status" className="mt-1 text-stone-700">
        {status}
      </p>
      {url && (
        <input
          readOnly
          value={url}
          aria-label="Signed download link"
          className="field mt-1 font-mono text-xs"
          data-testid="signed-link"
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </div>
  );
}
