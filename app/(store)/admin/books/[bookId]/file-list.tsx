import { formatOf } from "@/lib/catalog/formats";
import { formatBytes } from "@/lib/catalog/money";
import type { AdminBook, AdminFile } from "@/lib/catalog/admin-book-queries";
import { ChangelogForm } from "./changelog-form";
import { FileActiveForm } from "./file-active-form";
import { NotifyOwnersForm } from "./notify-owners-form";
import { FileUpload } from "./file-upload";

const day = (date: Date) => date.toISOString().slice(0, 10);

function FileFacts({ file }: { file: AdminFile }) {
  const facts = [
    formatOf(file.contentType),
    `version ${file.version}`,
    formatBytes(file.size),
    `uploaded ${day(file.createdAt)}`,
    `${file.grants} grant${file.grants === 1 ? "" : "s"}`,
  ];
  return (
    <p className="text-sm text-stone-700">
      {facts.join(" · ")} ·{" "}
      <span className="font-mono text-xs" title={`SHA-256 ${file.sha256}`}>
        sha256 {file.sha256.slice(0, 12)}…
      </span>
    </p>
  );
}

/** Each file's current version with its actions, and its earlier versions kept for the record. */
export function FileList({
  bookId,
  lineages,
  maxBytes,
}: {
  bookId: string;
  lineages: AdminBook["files"];
  maxBytes: number;
}) {
  if (lineages.length === 0)
    return (
      <p className="mt-4 rounded-md border border-dashed border-stone-300 p-4 text-sm text-stone-700">No files yet.</p>
    );
  return (
    <ul className="mt-4 divide-y divide-stone-200" data-testid="book-files">
      {lineages.map(({ current, earlier, notice }) => (
        <li key={current.id} className="py-4" data-testid="book-file">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <p className="font-medium">
                {current.displayName}{" "}
                {current.active ? (
                  <span className="ml-1 rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">
                    On sale
                  </span>
                ) : (
                  <span className="ml-1 rounded bg-stone-200 px-2 py-0.5 text-xs font-semibold text-stone-800">
                    Deactivated
                  </span>
                )}
              </p>
              <FileFacts file={current} />
            </div>
            <FileActiveForm bookId={bookId} file={current} />
          </div>
          <details className="mt-3" open={current.version > 1 && !current.changelog}>
            <summary className="cursor-pointer text-sm font-medium text-stone-800">
              What changed{current.changelog ? "" : " (not written yet)"}
            </summary>
            <div className="mt-2">
              <ChangelogForm bookId={bookId} file={current} />
            </div>
          </details>
          {notice && (
            <div className="mt-3">
              <NotifyOwnersForm bookId={bookId} file={current} notice={notice} />
            </div>
          )}
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-stone-800">Upload a new version</summary>
            <div className="mt-2">
              <FileUpload
                bookId={bookId}
                maxBytes={maxBytes}
                replaces={{ id: current.id, name: current.displayName }}
              />
            </div>
          </details>
          {earlier.length > 0 && (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm font-medium text-stone-800">
                Earlier versions ({earlier.length})
              </summary>
              <ul className="mt-2 space-y-1 border-l-2 border-stone-200 pl-3">
                {earlier.map((file) => (
                  <li key={file.id}>
                    <FileFacts file={file} />
                    {file.changelog && <p className="whitespace-pre-line text-sm text-stone-800">{file.changelog}</p>}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
