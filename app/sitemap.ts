import type { MetadataRoute } from "next";
import { listSitemapBooks } from "@/lib/catalog/queries";
import { sitemapEntries } from "@/lib/catalog/search-engines";

// At request time: APP_URL is the running shop's, and a book published or withdrawn shows at once.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  return sitemapEntries(await listSitemapBooks());
}
