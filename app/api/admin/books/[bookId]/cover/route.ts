import { replaceCover } from "@/lib/catalog/covers";
import { coverUrl } from "@/lib/catalog/queries";
import { mediaUploadRoute } from "../../upload-route";

export const dynamic = "force-dynamic";

/**
 * POST /api/admin/books/[bookId]/cover: the image is the raw body. 201 with the new cover's URL;
 * 413 over 5 MB, 415 not PNG/JPEG/WebP, 400 outside 200–4000 px, 404 unknown book or not an admin.
 */
export const POST = mediaUploadRoute(replaceCover, "coverUrl", coverUrl);
