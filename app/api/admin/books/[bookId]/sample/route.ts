import { coverUrl } from "@/lib/catalog/queries";
import { replaceSample } from "@/lib/catalog/samples";
import { authorizeAdminUpload, created, declaredLength, uploadFailure } from "../../upload-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ bookId: string }> };

/**
 * POST /api/admin/books/[bookId]/sample: the PDF or EPUB is the raw body. 201 with the sample's public
 * URL; 413 over 20 MB, 415 neither PDF nor EPUB, 404 unknown book or not an admin.
 */
export async function POST(request: Request, { params }: Context) {
  const auth = await authorizeAdminUpload(request);
  if ("refusal" in auth) return auth.refusal;
  try {
    const samplePath = await replaceSample({
      actorId: auth.user.id,
      bookId: (await params).bookId,
      body: request.body,
      declaredLength: declaredLength(request),
      signal: request.signal,
    });
    return created({ sampleUrl: coverUrl(samplePath) });
  } catch (error) {
    return uploadFailure(error);
  }
}
