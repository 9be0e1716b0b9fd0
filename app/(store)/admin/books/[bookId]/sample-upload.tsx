import { MediaUpload } from "./media-upload";

interface Props {
  bookId: string;
  maxBytes: number;
  /** The current sample's public URL, if any. */
  sampleUrl: string | null;
}

/** Replaces the free sample: a PDF or EPUB excerpt anyone may download from the book's page. */
export function SampleUpload({ bookId, maxBytes, sampleUrl }: Props) {
  return (
    <>
      <p className="mb-3 text-sm text-stone-700">
        {sampleUrl ? (
          <a href={sampleUrl} className="underline">
            The current sample
          </a>
        ) : (
          "No sample yet."
        )}{" "}
        Anyone can download it from the book&rsquo;s page, without buying.
      </p>
      <MediaUpload
        endpoint={`/api/admin/books/${encodeURIComponent(bookId)}/sample`}
        label={sampleUrl ? "Replace the sample" : "Upload a sample"}
        accept="application/pdf,application/epub+zip,.pdf,.epub"
        maxBytes={maxBytes}
        subject="Sample"
        help={
          `A PDF or EPUB excerpt, up to ${maxBytes / (1024 * 1024)} MB. ` +
          "It is public: never upload the whole book here."
        }
      />
    </>
  );
}
