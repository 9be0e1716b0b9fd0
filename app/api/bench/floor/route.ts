import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/** Benchmark only (BENCH_ROUTES=1): the framework's floor — no database, no file, nothing. */
export function GET() {
  if (!getConfig().benchRoutes) return new Response("Not found", { status: 404 });
  return new Response(null, { status: 204 });
}
