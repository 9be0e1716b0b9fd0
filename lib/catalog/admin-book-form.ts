import { z } from "zod";
import { LANGUAGE_TAG, normalizeIsbn } from "./book-details";

/** Currencies with two decimal places (prices are stored in cents and shown divided by 100). */
export const CURRENCIES = ["usd", "eur", "gbp", "cad", "aud", "chf", "sek", "nok", "dkk"] as const;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Les Misérables — Tome 1" → "les-miserables-tome-1": ASCII, lowercase, dashes. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 80)
    .replace(/^-+|-+$/g, "");
}

/** "12", "12.5", "12.50" → 1250. */
const priceSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,2})?$/, "Enter a price such as 12 or 12.50.")
  .transform((value) => {
    const [units, decimals = ""] = value.split(".");
    return Number(units) * 100 + Number(decimals.padEnd(2, "0"));
  })
  .refine((cents) => cents >= 50, "Card payments need a price of at least 0.50.");

/** An optional whole number: an empty field means "the store default" (null), or what `empty` says. */
const optionalWholeNumber = (max: number, label: string, empty = "the store default") =>
  z
    .string()
    .trim()
    .transform((value) => (value === "" ? null : Number(value)))
    .refine(
      (value) => value === null || (Number.isInteger(value) && value >= 1 && value <= max),
      `${label} must be a whole number from 1 to ${max}, or empty for ${empty}.`,
    )
    .default(null);

/** An optional field: empty means "not given" (null). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === "" ? null : value))
    .default(null);

// An unchecked checkbox is not sent at all.
const checkbox = z
  .literal("on")
  .optional()
  .transform((value) => value === "on");

const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label} is required.`).max(max, `${label} is at most ${max} characters.`);

const bookFields = z.object({
  title: text("The title", 200),
  author: text("The author", 200),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .refine(
      (slug) => slug === "" || (slug.length <= 80 && SLUG_PATTERN.test(slug)),
      "Use lowercase letters, digits and single dashes, e.g. my-book.",
    )
    .default(""),
  description: text("The description", 10_000),
  price: priceSchema,
  currency: z.enum(CURRENCIES, { error: "Choose a currency from the list." }),
  language: optionalText(35).refine(
    (tag) => tag === null || LANGUAGE_TAG.test(tag),
    "Enter a language code such as en, fr or pt-BR, or leave it empty.",
  ),
  isbn: optionalText(20)
    .transform((value) => (value === null ? null : (normalizeIsbn(value) ?? "invalid")))
    .refine((isbn) => isbn !== "invalid", "This is not a valid ISBN-13 or ISBN-10 (check the digits)."),
  series: optionalText(120),
  seriesNumber: optionalWholeNumber(999, "The number in the series", "none"),
  downloadLimit: optionalWholeNumber(1000, "The download limit"),
  accessDays: optionalWholeNumber(3650, "Access days"),
  grantNewVersions: checkbox,
  stampCopies: checkbox,
  stampNoticePage: checkbox,
});

function toBook<T extends z.infer<typeof bookFields>>({ slug, price, ...rest }: T, ctx: z.RefinementCtx) {
  const finalSlug = slug || slugify(rest.title);
  if (!finalSlug)
    ctx.addIssue({
      code: "custom",
      path: ["slug"],
      message: "Enter a slug: the title has no letters to make one from.",
    });
  return { ...rest, slug: finalSlug, priceCents: price };
}

/** The new-book form. The slug is derived from the title when left empty. */
export const bookFormSchema = bookFields.transform(toBook);

/** The edit form: the same fields and the book's id. */
export const bookUpdateSchema = bookFields.extend({ bookId: z.string().min(1).max(64) }).transform(toBook);

export type BookInput = z.infer<typeof bookFormSchema>;
