import { readFile } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { downloadStore } from "@/lib/downloads/download-store";
import { checkDownloadSignature } from "@/lib/downloads/signed-link";

export const dynamic = "force-dynamic";

/**
 * Benchmark only (BENCH_ROUTES=1): "the naive way" the seed articles warn against — authorize, then read
 * the whole file into memory and return it from the app. Never used by the store.
 */
export async function GET(request: Request, { params }: { params: Promise<{ grantId: string }> }) {
  const config = getConfig();
  if (!config.benchRoutes) return new Response("Not found", { status: 404 });
  const { grantId } = await params;
  const url = new URL(request.url);
  if (
    checkDownloadSignature(grantId, url.searchParams.get("expires"), url.searchParams.get("sig"), config.authSecret) !==
    "valid"
  ) {
    return new Response("Not found", { status: 404 });
  }
  const grant = await downloadStore().findGrant(grantId);
  if (!grant) return new Response("Not found", { status: 404 });
  const bytes = await readFile(path.join(/*turbopackIgnore: true*/ config.protectedRoot, grant.storageKey));
  return new Response(bytes, { headers: { "Content-Type": grant.contentType } });
}
