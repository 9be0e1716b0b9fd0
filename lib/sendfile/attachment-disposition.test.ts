import { parse } from "content-disposition";
import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "./attachment-disposition";

const CASES: Array<[name: string, fallback: string, encoded: string]> = [
  ["a b", "a b", "a%20b"],
  ["100%", "100%", "100%25"],
  ["%41", "%41", "%2541"],
  ["q?", "q?", "q%3F"],
  ["h#", "h#", "h#"],
  ["é", "e", "%C3%A9"],
  ["日本語", "download.pdf", "%E6%97%A5%E6%9C%AC%E8%AA%9E"],
  ["日本語.epub", "download.epub", "%E6%97%A5%E6%9C%AC%E8%AA%9E.epub"],
  ["..foo", "foo", "foo"],
  ['résumé "v2".pdf', 'resume \\"v2\\".pdf', "r%C3%A9sum%C3%A9%20%22v2%22.pdf"],
  ["a\r\nb.pdf", "ab.pdf", "ab.pdf"],
  ["../../etc/passwd", "_.._etc_passwd", "_.._etc_passwd"],
  ["C:\\Windows\\evil.pdf", "C:_Windows_evil.pdf", "C%3A_Windows_evil.pdf"],
  ["", "download.pdf", "download.pdf"],
  ["\u0000\u0007", "download.pdf", "download.pdf"],
  ["evil\u202Efdp.exe", "evilfdp.exe", "evilfdp.exe"],
  ["re\u0301sume\u0301.pdf", "resume.pdf", "r%C3%A9sum%C3%A9.pdf"],
  ["\uD800.pdf", "download.pdf", "%EF%BF%BD.pdf"],
];

describe("attachmentDisposition", () => {
  it.each(CASES)("%j", (name, fallback, encoded) => {
    expect(attachmentDisposition(name)).toBe(`attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`);
  });

  it.each(CASES)("%j is printable ASCII and parses back to the cleaned name", (name, _fallback, encoded) => {
    const header = attachmentDisposition(name);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    const parsed = parse(header);
    expect(parsed.type).toBe("attachment");
    expect(parsed.parameters.filename).toBe(decodeURIComponent(encoded));
  });
});
