import { databaseUsable } from "@/lib/db/health";
import { markDatabaseDown } from "@/lib/db/outage";
import { storageUsable } from "@/lib/storage/health";

export const dynamic = "force-dynamic";

/** 200 when the database answers and both storage roots are usable, else 503. No secrets. */
export async function GET() {
  const [database, storage] = await Promise.all([databaseUsable(), storageUsable()]);
  // A monitor polling this finds an outage before a customer does: pages answer 503 from then on.
  if (!database) markDatabaseDown();
  const ok = database && storage;
  return Response.json(
    {
      status: ok ? "ok" : "unavailable",
      database: database ? "ok" : "unavailable",
      storage: storage ? "ok" : "unavailable",
    },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
