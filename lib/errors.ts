/** Domain errors; each maps to one HTTP status in `httpStatusOf`. */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
export class NotFoundError extends DomainError {}
export class ForbiddenError extends DomainError {}
export class GoneError extends DomainError {}
export class ConflictError extends DomainError {}
export class ValidationError extends DomainError {}
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** An upload larger than allowed. */
export class UploadTooLargeError extends DomainError {}
/** An upload whose content is not of an accepted type, whatever its name says. */
export class UnsupportedFileTypeError extends DomainError {}
/** The client went away or sent fewer bytes than it announced (usually nobody is listening for the answer). */
export class UploadIncompleteError extends DomainError {}

/** The one error → HTTP status table: route handlers and redirects decide by this status, never by class. */
export function httpStatusOf(error: unknown): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof GoneError) return 410;
  if (error instanceof ConflictError) return 409;
  if (error instanceof ValidationError) return 400;
  if (error instanceof UploadIncompleteError) return 400;
  if (error instanceof UploadTooLargeError) return 413;
  if (error instanceof UnsupportedFileTypeError) return 415;
  if (error instanceof RateLimitedError) return 429;
  return 500;
}
