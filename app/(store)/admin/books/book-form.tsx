"use client";

import Link from "next/link";
import { useActionState, type ReactNode } from "react";
import { CURRENCIES } from "@/lib/catalog/admin-book-form";
import { createBookAction, updateBookAction } from "./actions";
import { ActionMessage } from "./action-message";

export interface BookFormValues {
  id: string;
  title: string;
  author: string;
  slug: string;
  description: string;
  priceCents: number;
  currency: string;
  language: string | null;
  isbn: string | null;
  series: string | null;
  seriesNumber: number | null;
  categoryIds: string[];
  downloadLimit: number | null;
  accessDays: number | null;
  grantNewVersions: boolean;
  stampCopies: boolean;
  stampNoticePage: boolean;
}

interface Props {
  /** Absent: the new-book form. */
  book?: BookFormValues;
  storeDefaults: { downloadLimit: number | null; accessDays: number | null };
  /** Every shelf, for the checkboxes. */
  shelves: { id: string; name: string }[];
}

function Field({
  name,
  label,
  error,
  help,
  children,
}: {
  name: string;
  label: string;
  error?: string;
  help?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={name} className="label">
        {label}
      </label>
      {children}
      {(error || help) && (
        <p id={`${name}-help`} className={`mt-1 text-sm ${error ? "text-red-800" : "text-stone-600"}`}>
          {error ?? help}
        </p>
      )}
    </div>
  );
}

export function BookForm({ book, storeDefaults, shelves }: Props) {
  const [state, action, pending] = useActionState(book ? updateBookAction : createBookAction, {});
  // After a refused submit React resets the form: show what was typed, not the saved values.
  const value = (name: string, saved: string) => state.values?.[name] ?? saved;
  const error = (name: string) => state.fieldErrors?.[name]?.[0];
  const described = (name: string, hasHelp = false) => ({
    "aria-invalid": Boolean(error(name)),
    "aria-describedby": hasHelp || error(name) ? `${name}-help` : undefined,
  });
  const limitDefault = storeDefaults.downloadLimit === null ? "unlimited" : `${storeDefaults.downloadLimit} downloads`;
  const daysDefault = storeDefaults.accessDays === null ? "never expires" : `${storeDefaults.accessDays} days`;
  // After a refused submit, what was ticked; otherwise the saved value.
  const checked = (name: "grantNewVersions" | "stampCopies" | "stampNoticePage", saved: boolean) =>
    state.values ? state.values[name] === "on" : saved;

  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" key={book ? JSON.stringify(book) : "new"}>
      {book && <input type="hidden" name="bookId" value={book.id} />}
      <Field name="title" label="Title" error={error("title")}>
        <input
          id="title"
          name="title"
          required
          maxLength={200}
          className="field"
          defaultValue={value("title", book?.title ?? "")}
          {...described("title")}
        />
      </Field>
      <Field name="author" label="Author" error={error("author")}>
        <input
          id="author"
          name="author"
          required
          maxLength={200}
          className="field"
          defaultValue={value("author", book?.author ?? "")}
          {...described("author")}
        />
      </Field>
      <Field
        name="slug"
        label="Slug (web address)"
        error={error("slug")}
        help="Lowercase letters, digits and dashes. Empty: made from the title."
      >
        <input
          id="slug"
          name="slug"
          maxLength={80}
          className="field font-mono"
          defaultValue={value("slug", book?.slug ?? "")}
          {...described("slug", true)}
        />
      </Field>
      <div className="grid grid-cols-[1fr_auto] gap-3">
        <Field name="price" label="Price" error={error("price")} help="e.g. 12 or 12.50">
          <input
            id="price"
            name="price"
            required
            inputMode="decimal"
            className="field"
            defaultValue={value("price", book ? (book.priceCents / 100).toFixed(2) : "")}
            {...described("price", true)}
          />
        </Field>
        <Field name="currency" label="Currency" error={error("currency")}>
          <select
            id="currency"
            name="currency"
            className="field"
            defaultValue={value("currency", book?.currency ?? "usd")}
          >
            {CURRENCIES.map((currency) => (
              <option key={currency} value={currency}>
                {currency.toUpperCase()}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field name="description" label="Description" error={error("description")}>
          <textarea
            id="description"
            name="description"
            required
            rows={6}
            maxLength={10_000}
            className="field"
            defaultValue={value("description", book?.description ?? "")}
            {...described("description")}
          />
        </Field>
      </div>
      <Field name="series" label="Series" error={error("series")} help="The series' name, if the book is in one.">
        <input
          id="series"
          name="series"
          maxLength={120}
          className="field"
          defaultValue={value("series", book?.series ?? "")}
          {...described("series", true)}
        />
      </Field>
      <Field
        name="seriesNumber"
        label="Number in the series"
        error={error("seriesNumber")}
        help="1 for the first book. Optional."
      >
        <input
          id="seriesNumber"
          name="seriesNumber"
          inputMode="numeric"
          className="field"
          defaultValue={value("seriesNumber", book?.seriesNumber?.toString() ?? "")}
          {...described("seriesNumber", true)}
        />
      </Field>
      <fieldset className="sm:col-span-2">
        <legend className="label">Shelves</legend>
        {shelves.length === 0 ? (
          <p className="text-sm text-stone-600">
            No shelves yet: create them under{" "}
            <Link href="/admin/categories" className="underline">
              Shelves
            </Link>
            .
          </p>
        ) : (
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {shelves.map((shelf) => (
              <label key={shelf.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="categoryId"
                  value={shelf.id}
                  defaultChecked={book?.categoryIds.includes(shelf.id) ?? false}
                />
                {shelf.name}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <Field
        name="language"
        label="Language"
        error={error("language")}
        help="A code such as en, fr or pt-BR. Optional."
      >
        <input
          id="language"
          name="language"
          maxLength={35}
          className="field"
          defaultValue={value("language", book?.language ?? "")}
          {...described("language", true)}
        />
      </Field>
      <Field
        name="isbn"
        label="ISBN"
        error={error("isbn")}
        help="ISBN-13 or ISBN-10, with or without dashes. Optional."
      >
        <input
          id="isbn"
          name="isbn"
          maxLength={20}
          inputMode="numeric"
          className="field font-mono"
          defaultValue={value("isbn", book?.isbn ?? "")}
          {...described("isbn", true)}
        />
      </Field>
      <Field
        name="downloadLimit"
        label="Downloads per file"
        error={error("downloadLimit")}
        help={`Empty: the store default (${limitDefault}).`}
      >
        <input
          id="downloadLimit"
          name="downloadLimit"
          type="number"
          min={1}
          max={1000}
          className="field"
          defaultValue={value("downloadLimit", book?.downloadLimit?.toString() ?? "")}
          {...described("downloadLimit", true)}
        />
      </Field>
      <Field
        name="accessDays"
        label="Access days after purchase"
        error={error("accessDays")}
        help={`Empty: the store default (${daysDefault}).`}
      >
        <input
          id="accessDays"
          name="accessDays"
          type="number"
          min={1}
          max={3650}
          className="field"
          defaultValue={value("accessDays", book?.accessDays?.toString() ?? "")}
          {...described("accessDays", true)}
        />
      </Field>
      <CheckboxField
        name="grantNewVersions"
        label="Give new versions to past buyers"
        help="A corrected edition or a new format reaches everyone who already bought the book."
        checked={checked("grantNewVersions", book?.grantNewVersions ?? true)}
      />
      <CheckboxField
        name="stampCopies"
        label="Stamp each buyer's copy"
        help={
          "Every page of a buyer's PDF carries “Licensed to <name> · order <id>”, and the file's metadata " +
          "their email; EPUBs get a notice page. Made once per buyer, sent by the web server like the original."
        }
        checked={checked("stampCopies", book?.stampCopies ?? false)}
      />
      <CheckboxField
        name="stampNoticePage"
        label="Add a notice page at the front of stamped copies"
        help={
          "A first page that says whom the copy is licensed to. " +
          "Changing either stamp option makes every buyer's copy again."
        }
        checked={checked("stampNoticePage", book?.stampNoticePage ?? true)}
      />
      <div className="flex items-center gap-4 sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {book ? "Save changes" : "Create draft"}
        </button>
        <ActionMessage state={state.fieldErrors ? { error: "Check the highlighted fields." } : state} />
      </div>
    </form>
  );
}

interface CheckboxFieldProps {
  name: string;
  label: string;
  help: string;
  checked: boolean;
}

function CheckboxField({ name, label, help, checked }: CheckboxFieldProps) {
  return (
    <div className="flex items-start gap-3 sm:col-span-2">
      <input
        id={name}
        name={name}
        type="checkbox"
        className="mt-1 h-4 w-4 accent-accent"
        defaultChecked={checked}
        aria-describedby={`${name}-help`}
      />
      <div>
        <label htmlFor={name} className="text-sm font-medium text-stone-800">
          {label}
        </label>
        <p id={`${name}-help`} className="text-sm text-stone-600">
          {help}
        </p>
      </div>
    </div>
  );
}
