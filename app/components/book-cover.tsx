/* eslint-disable @next/next/no-img-element -- covers are plain files from MEDIA_ROOT, no optimizer */
import { COVER_FORMATS, COVER_SIZES, type CoverPlace, coverSrcSet } from "@/lib/catalog/cover-variants";

export interface CoverProps {
  src: string | null;
  /** Recorded at upload with the AVIF/WebP copies; null for older covers (a plain img then). */
  width: number | null;
  height: number | null;
  title: string;
  /** Where it is shown: decides `sizes`. */
  place: CoverPlace;
  /** "high": the page's largest image (LCP), fetched first; "eager": above the fold; else lazy. */
  priority?: "high" | "eager" | "lazy";
  className?: string;
}

export function BookCover({ src, width, height, title, place, priority = "lazy", className = "" }: CoverProps) {
  if (!src) {
    return (
      <div
        className={[
          "flex aspect-[2/3] items-center justify-center bg-stone-200 p-4",
          "text-center font-serif text-stone-700",
          className,
        ].join(" ")}
      >
        {title}
      </div>
    );
  }
  const img = (
    <img
      src={src}
      alt={`Cover of ${title}`}
      className={`aspect-[2/3] w-full object-cover ${className}`}
      {...(width && height ? { width, height } : {})}
      loading={priority === "lazy" ? "lazy" : "eager"}
      decoding={priority === "lazy" ? "async" : undefined}
      fetchPriority={priority === "high" ? "high" : undefined}
    />
  );
  if (!width || !height) return img;
  return (
    <picture className="contents">
      {COVER_FORMATS.map((format) => (
        <source
          key={format}
          type={`image/${format}`}
          srcSet={coverSrcSet(src, width, format)}
          sizes={COVER_SIZES[place]}
        />
      ))}
      {img}
    </picture>
  );
}
