import { DomainError } from "@/lib/errors";

/** The body is larger than allowed (413). */
export class UploadTooLargeError extends DomainError {}

/** The content is not of an accepted type, whatever its name says (415). */
export class UnsupportedFileTypeError extends DomainError {}

/** The client went away or sent fewer bytes than it announced (400; usually nobody is listening). */
export class UploadIncompleteError extends DomainError {}

export function uploadErrorStatus(error: unknown): number | null {
  if (error instanceof UploadTooLargeError) return 413;
  if (error instanceof UnsupportedFileTypeError) return 415;
  if (error instanceof UploadIncompleteError) return 400;
  return null;
}
