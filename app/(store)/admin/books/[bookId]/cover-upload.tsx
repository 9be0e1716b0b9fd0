import { MediaUpload } from "./media-upload";

interface Props {
  bookId: string;
  rules: { maxBytes: number; minSide: number; maxSide: number };
}

/** Replaces the cover with a PNG, JPEG or WebP image; the server checks type, size and dimensions. */
export function CoverUpload({ bookId, rules }: Props) {
  return (
    <MediaUpload
      endpoint={`/api/admin/books/${encodeURIComponent(bookId)}/cover`}
      label="Replace the cover"
      accept="image/png,image/jpeg,image/webp"
      maxBytes={rules.maxBytes}
      subject="Cover"
      help={
        `PNG, JPEG or WebP, up to ${rules.maxBytes / (1024 * 1024)} MB, ` +
        `${rules.minSide}–${rules.maxSide} pixels on each side (2:3 looks best).`
      }
    />
  );
}
