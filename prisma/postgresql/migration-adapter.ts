import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

// The Prisma CLI's JS schema engine talks to PostgreSQL through @prisma/adapter-pg, which (6.19) has two
// gaps that only migrations hit. This module closes both; the CLI loads it through
// prisma.postgresql.config.ts and the app never does.

// 1. The engine reads the system catalogs, whose identifiers are of type `name` (and some flags "char");
//    the adapter refuses both as unsupported column types (prisma/orm#27403). Both are plain text.
const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([18, 19]);

interface ResultPrototype {
  addFields(fields: pg.FieldDef[]): void;
}
const resultPrototype = (pg as unknown as { Result: { prototype: ResultPrototype } }).Result.prototype;
const addFields = resultPrototype.addFields;
resultPrototype.addFields = function (this: ResultPrototype, fields: pg.FieldDef[]) {
  for (const field of fields) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  addFields.call(this, fields);
};

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

// 2. The adapter runs a migration script by splitting it at every ";", which cuts a function body such as
//    the AuditLog trigger's in pieces. A query without parameters goes over PostgreSQL's simple protocol,
//    which takes the whole script at once (and runs it as one implicit transaction), as psql would.
function withWholeScripts(adapter: Adapter): Adapter {
  adapter.executeScript = async (script: string) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

/** The adapter-pg factory for `prisma migrate` (deploy, diff) against `connectionString`. */
export class PgMigrationAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  private readonly inner: PrismaPg;

  constructor(connectionString: string) {
    this.inner = new PrismaPg({ connectionString });
  }

  async connect() {
    return withWholeScripts(await this.inner.connect());
  }

  async connectToShadowDb() {
    return withWholeScripts(await this.inner.connectToShadowDb());
  }
}
