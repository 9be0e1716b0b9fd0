/* eslint-disable @next/next/no-img-element -- covers are plain files from MEDIA_ROOT, no optimizer */
export function BookCover({ src, title, className = "" }: { src: string | null; title: string; className?: string }) {
  if (!src) {
    return (
      <div
        className={`flex aspect-[2/3] items-center justify-center bg-stone-200 p-4 text-center font-serif text-stone-700 ${className}`}
      >
        {title}
      </div>
    );
  }
  return (
    <img
      src={src}
      alt={`Cover of ${title}`}
      className={`aspect-[2/3] w-full object-cover ${className}`}
      loading="lazy"
    />
  );
}
