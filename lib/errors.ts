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

export function httpStatusOf(error: unknown): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof GoneError) return 410;
  if (error instanceof ConflictError) return 409;
  if (error instanceof ValidationError) return 400;
  if (error instanceof RateLimitedError) return 429;
  return 500;
}
