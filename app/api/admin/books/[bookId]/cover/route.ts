import { replaceCover } from "@/lib/catalog/covers";
import { coverUrl } from "@/lib/catalog/queries";
import { authorizeAdminUpload, created, declaredLength, uploadFailure } from "../../upload-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ bookId: string }> };

/**
 * POST /api/admin/books/[bookId]/cover: the image is the raw body. 201 with the new cover's URL;
 * 413 over 5 MB, 415 not PNG/JPEG/WebP, 400 outside 200–4000 px, 404 unknown book or not an admin.
 */
export async function POST(request: Request, { params }: Context) {
  const auth = await authorizeAdminUpload(request);
  if ("refusal" in auth) return auth.refusal;
  try {
    const coverPath = await replaceCover({
      actorId: auth.user.id,
      bookId: (await params).bookId,
      body: request.body,
      declaredLength: declaredLength(request),
      signal: request.signal,
    });
    return created({ coverUrl: coverUrl(coverPath) });
  } catch (error) {
    return uploadFailure(error);
  }
}
