// How each SQLite value becomes the value its PostgreSQL column takes. The target column's type decides:
// SQLite keeps no types worth trusting (a DateTime is text or an integer, a Boolean is 0 or 1).

// What SQLite databases written by Bindery hold in a DateTime column: Prisma's ISO text with an offset
// ("2026-12-02T17:34:36.816+00:00"), a raw statement's toISOString() ("…Z"), SQLite's own CURRENT_TIMESTAMP
// ("2026-12-02 17:34:36", UTC without saying so), or epoch milliseconds (the adapter's "unixepoch-ms" format).
const ISO_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * A SQLite DateTime value as the UTC wall-clock text a PostgreSQL `timestamp(3)` column stores, as Prisma
 * writes it (Prisma keeps UTC in `timestamp without time zone`). Throws on anything it cannot read for sure.
 */
export function toTimestamp(value) {
  let date;
  if (typeof value === "bigint" || typeof value === "number") {
    date = new Date(Number(value));
  } else if (typeof value === "string") {
    const match = ISO_TEXT.exec(value.trim());
    if (!match) throw new Error(`not a date: ${JSON.stringify(value)}`);
    const [, day, time = "00:00:00", zone = "Z"] = match;
    // Date() would roll 2026-02-30 over to March: a day that does not exist is refused instead.
    const [year, month, dayOfMonth] = day.split("-").map(Number);
    if (new Date(Date.UTC(year, month - 1, dayOfMonth)).getUTCDate() !== dayOfMonth) {
      throw new Error(`not a date: ${JSON.stringify(value)}`);
    }
    const offset = /^[+-]\d{2}$/.test(zone) ? `${zone}:00` : zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
    date = new Date(`${day}T${time.length === 5 ? `${time}:00` : time}${offset.toUpperCase()}`);
  } else {
    throw new Error(`not a date: ${typeof value}`);
  }
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${JSON.stringify(String(value))}`);
  return date.toISOString().replace("T", " ").replace("Z", "");
}

function toBoolean(value) {
  if (value === 0n || value === 0) return false;
  if (value === 1n || value === 1) return true;
  throw new Error(`not a boolean (0 or 1): ${JSON.stringify(String(value))}`);
}

function toInteger(bits) {
  const limit = 2n ** BigInt(bits - 1);
  return (value) => {
    if (typeof value !== "bigint") throw new Error(`not an integer: ${JSON.stringify(String(value))}`);
    if (value < -limit || value >= limit) throw new Error(`out of range for ${bits}-bit integer: ${value}`);
    return bits === 64 ? value.toString() : Number(value);
  };
}

function toText(value) {
  if (typeof value === "string") return value;
  throw new Error(`not text: ${typeof value}`);
}

const identity = (value) => value;

// Keyed by information_schema.columns.data_type. An enum column is "USER-DEFINED": its text goes in as it is
// and PostgreSQL refuses a label the enum does not have.
const CONVERTERS = {
  "timestamp without time zone": toTimestamp,
  "timestamp with time zone": (value) => `${toTimestamp(value)}+00`,
  boolean: toBoolean,
  smallint: toInteger(16),
  integer: toInteger(32),
  bigint: toInteger(64),
  text: toText,
  "character varying": toText,
  "USER-DEFINED": toText,
  json: toText,
  jsonb: toText,
  "double precision": (value) => (typeof value === "bigint" ? Number(value) : value),
  real: (value) => (typeof value === "bigint" ? Number(value) : value),
  numeric: (value) => String(value),
  bytea: identity,
};

/** The converter for a PostgreSQL column type; null when there is none (the copy then refuses to start). */
export function converterFor(dataType) {
  const convert = CONVERTERS[dataType];
  if (!convert) return null;
  return (value) => (value === null ? null : convert(value));
}
