import { refreshBookPages } from "@/lib/catalog/page-cache";
import { uploadQuerySchema } from "@/lib/catalog/admin-file-name";
import { addBookFile } from "@/lib/catalog/admin-files";
import { authorizeAdminUpload, badRequest, created, declaredLength, uploadFailure } from "../../upload-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ bookId: string }> };

/**
 * POST /api/admin/books/[bookId]/files?name=<file name>[&replaces=<fileId>]: the file is the raw body,
 * streamed to disk as it arrives (never `formData()`, which would buffer it). 201 with the new file;
 * 413 too large, 415 not a PDF or EPUB, 409 raced by another version, 404 unknown book or not an admin.
 */
export async function POST(request: Request, { params }: Context) {
  const auth = await authorizeAdminUpload(request);
  if ("refusal" in auth) return auth.refusal;
  const query = uploadQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return badRequest(query.error.issues[0]?.message ?? "Invalid upload");
  try {
    const { bookId } = await params;
    const file = await addBookFile({
      actorId: auth.user.id,
      bookId,
      fileName: query.data.name,
      replacesId: query.data.replaces,
      body: request.body,
      declaredLength: declaredLength(request),
      signal: request.signal,
    });
    await refreshBookPages(bookId);
    return created({ file });
  } catch (error) {
    return uploadFailure(error);
  }
}
