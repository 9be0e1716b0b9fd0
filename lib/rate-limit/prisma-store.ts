import "server-only";
import { Prisma, type PrismaClient } from "@prisma/client";
import { db } from "@/lib/db/client";
import type { RateLimitStore } from "./counter";
import {
  RATE_LIMIT_DELETE_SQL,
  RATE_LIMIT_HIT_SQL,
  RATE_LIMIT_READ_SQL,
  RATE_LIMIT_STAMP_SQL,
  RATE_LIMIT_SWEEP_SQL,
  rateLimitHitParams,
} from "./sql";
import { sweepDue, type SweepGate } from "./sweep-gate";
import { windowFromRow } from "./window";

type RawClient = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;
type Row = { hits: unknown; windowEndsAt: unknown };

// Prisma writes each database's own placeholders in place of the `?`s.
const statement = (sql: string, values: (string | number)[]) => Prisma.sql(sql.split("?"), ...values);

/** The RateLimit table through Prisma's raw queries (sign-in and form limits; the download path has its own). */
export function prismaRateLimitStore(
  client: () => Promise<RawClient> = db,
  sweep: SweepGate = sweepDue,
): RateLimitStore {
  return {
    async hit(key, windowMs, now) {
      const prisma = await client();
      const rows = await prisma.$queryRaw<Row[]>(statement(RATE_LIMIT_HIT_SQL, rateLimitHitParams(key, windowMs, now)));
      if (sweep(now)) {
        await prisma.$executeRaw(statement(RATE_LIMIT_SWEEP_SQL, [now])).catch((error: unknown) => {
          console.error("[rate-limit] sweeping expired rows failed:", error);
        });
      }
      if (!rows[0]) throw new Error("The RateLimit upsert returned no row");
      return windowFromRow(rows[0]);
    },
    async stamp(key, windowEndsAt) {
      await (await client()).$executeRaw(statement(RATE_LIMIT_STAMP_SQL, [key, windowEndsAt]));
    },
    async read(key) {
      const rows = await (await client()).$queryRaw<Row[]>(statement(RATE_LIMIT_READ_SQL, [key]));
      return rows[0] ? windowFromRow(rows[0]) : null;
    },
    async remove(key) {
      await (await client()).$executeRaw(statement(RATE_LIMIT_DELETE_SQL, [key]));
    },
  };
}

let shared: RateLimitStore | undefined;

/** The process's store on its one Prisma client. */
export function rateLimitStore(): RateLimitStore {
  shared ??= prismaRateLimitStore();
  return shared;
}
