import { coverUrl } from "@/lib/catalog/queries";
import { replaceSample } from "@/lib/catalog/samples";
import { mediaUploadRoute } from "../../upload-route";

export const dynamic = "force-dynamic";

/**
 * POST /api/admin/books/[bookId]/sample: the PDF or EPUB is the raw body. 201 with the sample's public
 * URL; 413 over 20 MB, 415 neither PDF nor EPUB, 404 unknown book or not an admin.
 */
export const POST = mediaUploadRoute(replaceSample, "sampleUrl", coverUrl);
