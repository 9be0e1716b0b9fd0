import type { MetadataRoute } from "next";
import { robotsRules } from "@/lib/catalog/search-engines";

// At request time: the sitemap's address comes from the running shop's APP_URL, not the build's.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return robotsRules();
}
