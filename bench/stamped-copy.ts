import { signedQuery } from "../lib/downloads/signed-link";
import { addStampingBook } from "../tests/helpers/stamped-books";
import type { StoreDb } from "../tests/helpers/store-db";
import type { TestEnvironment } from "../tests/helpers/test-env";

/**
 * A signed link to the reader's stamped copy of a ~10 KB PDF, after one download made the copy: what the
 * benchmark then measures is the download path for a copy that exists, beside the original's row.
 */
export async function stampedCopyPath(db: StoreDb, env: TestEnvironment["env"], baseUrl: string): Promise<string> {
  const book = await addStampingBook(db, env.PROTECTED_ROOT, { pages: 14, noticePage: false });
  const grantId = await db.createGrant({
    email: "reader@example.com",
    fileId: book.fileId,
    productId: book.productId,
    limit: null,
  });
  const downloadPath = `/api/downloads/${grantId}?${signedQuery(grantId, 7 * 24 * 3600, env.AUTH_SECRET)}`;
  const first = await fetch(`${baseUrl}${downloadPath}`);
  await first.arrayBuffer();
  const copy = await db.prisma.stampedCopy.findUnique({ where: { grantId } });
  if (first.status !== 200 || copy?.status !== "READY") {
    throw new Error(`the stamped copy was not made (HTTP ${first.status}, copy ${copy?.status ?? "missing"})`);
  }
  return downloadPath;
}
