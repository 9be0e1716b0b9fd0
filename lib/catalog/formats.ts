const FORMATS: Record<string, string> = {
  "application/pdf": "PDF",
  "application/epub+zip": "EPUB",
  "application/zip": "ZIP",
  "audio/mpeg": "MP3",
};

export function formatOf(contentType: string): string {
  return FORMATS[contentType] ?? contentType.split("/").pop()?.toUpperCase() ?? "FILE";
}
