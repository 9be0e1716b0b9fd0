import "server-only";
import { ADMIN_ROLES, hasRole } from "@/lib/auth/roles";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { httpStatusOf, DomainError } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/same-origin";
import type { MediaUpload } from "@/lib/catalog/media-files";
import { refreshBookPages } from "@/lib/catalog/page-cache";

/**
 * Refusals close the connection: the body may be unread or half read, and its rest must not be taken
 * for the next request on a kept-alive connection (nor is there any point receiving it).
 */
const json = (status: number, body: unknown) =>
  Response.json(body, {
    status,
    headers: { "Cache-Control": "no-store", ...(status >= 400 ? { Connection: "close" } : {}) },
  });

/** The same answer whether the book is unknown or the caller may not know it exists. */
export const notFoundAnswer = () => json(404, { error: "Not found" });

/**
 * The checks every admin upload route makes itself: an admin's session (anyone else: 404, as for the
 * admin pages), then a same-origin request (a cross-site form or script: 403).
 */
export async function authorizeAdminUpload(request: Request): Promise<{ user: CurrentUser } | { refusal: Response }> {
  const user = await getCurrentUser();
  if (!user || !hasRole(user.role, ADMIN_ROLES)) return { refusal: notFoundAnswer() };
  if (!isSameOrigin(request)) return { refusal: json(403, { error: "Cross-site request refused" }) };
  return { user };
}

/** The Content-Length the client announced, when it announced a sane one. */
export function declaredLength(request: Request): number | null {
  const value = request.headers.get("content-length");
  return value && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

export const created = (body: unknown) => json(201, body);

export const badRequest = (message: string) => json(400, { error: message });

/** Upload and domain refusals as JSON the upload widget can show; anything else stays a 500. */
export function uploadFailure(error: unknown): Response {
  if (!(error instanceof DomainError)) throw error;
  const status = httpStatusOf(error);
  return status === 404 ? notFoundAnswer() : json(status, { error: error.message });
}

/**
 * POST handler for a book's public media file (cover, sample): the file is the raw body; 201 with
 * `{ [field]: its public URL }`, or the refusal as JSON.
 */
export function mediaUploadRoute(
  replace: (input: MediaUpload) => Promise<string>,
  field: string,
  urlOf: (path: string) => string | null,
) {
  return async (request: Request, { params }: { params: Promise<{ bookId: string }> }) => {
    const auth = await authorizeAdminUpload(request);
    if ("refusal" in auth) return auth.refusal;
    try {
      const { bookId } = await params;
      const path = await replace({
        actorId: auth.user.id,
        bookId,
        body: request.body,
        declaredLength: declaredLength(request),
        signal: request.signal,
      });
      await refreshBookPages(bookId);
      return created({ [field]: urlOf(path) });
    } catch (error) {
      return uploadFailure(error);
    }
  };
}
