import type { PDFFont } from "pdf-lib";

/**
 * Text a standard PDF font (WinAnsi) can show: accented Latin stays ("Zoë"), letters that only differ by
 * marks lose them ("Łódź" → "Lodz", where needed), and a name with letters that cannot be shown at all
 * ("李", Cyrillic, Greek) is not printed half: the caller falls back to the email.
 */
export function winAnsiText(font: PDFFont, text: string): { text: string; complete: boolean } {
  let complete = true;
  let result = "";
  for (const character of text) {
    const shown = [character, ...withoutMarks(character)].find((candidate) => encodable(font, candidate));
    if (shown !== undefined) result += shown;
    else if (/[\p{L}\p{N}]/u.test(character)) complete = false;
    // Symbols and emoji that cannot be shown are left out without losing the name.
  }
  return { text: result.replace(/\s+/g, " ").trim(), complete };
}

/** The buyer's name as a standard font can print it: the name, else the email, else the name with "?". */
export function printableName(font: PDFFont, licensedTo: string, email: string): string {
  const name = winAnsiText(font, licensedTo);
  if (name.complete && name.text) return name.text;
  const address = winAnsiText(font, email);
  if (address.complete && address.text) return address.text;
  return Array.from(licensedTo, (character) => (encodable(font, character) ? character : "?")).join("");
}

/** Any text for a standard font: what cannot be shown is left out. */
export function printable(font: PDFFont, text: string): string {
  return winAnsiText(font, text).text;
}

/** Letters with a stroke or without a dot have no decomposition to a base letter. */
const BASE_LETTERS: Record<string, string> = { Ł: "L", ł: "l", Đ: "D", đ: "d", Ħ: "H", ħ: "h", Ŧ: "T", ŧ: "t", ı: "i" };

function withoutMarks(character: string): string[] {
  const base = BASE_LETTERS[character] ?? character.normalize("NFKD").replace(/\p{M}/gu, "");
  return base && base !== character ? [base] : [];
}

function encodable(font: PDFFont, text: string): boolean {
  try {
    font.encodeText(text);
    return true;
  } catch {
    return false;
  }
}
