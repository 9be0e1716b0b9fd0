import { describe, expect, it } from "vitest";
import { buildNewVersionMail } from "./new-version-mail";

describe("the new-version mail", () => {
  const mail = buildNewVersionMail({
    to: "reader@example.com",
    title: 'Tom & "Jerry" <b>',
    version: 3,
    changelog: "Fixed <script>alert(1)</script>\nNew chapter",
    libraryUrl: "https://shop.example/library",
    optOutUrl: "https://shop.example/mail/opt-out?email=reader%40example.com&sig=ab",
  });

  it("names the book and version, carries the changelog and both links in text and HTML", () => {
    expect(mail.subject).toBe('Tom & "Jerry" <b>: version 3 is out');
    expect(mail.text).toContain("Fixed <script>alert(1)</script>\nNew chapter");
    expect(mail.text).toContain("https://shop.example/library");
    expect(mail.text).toContain("https://shop.example/mail/opt-out?email=reader%40example.com&sig=ab");
    expect(mail.html).toContain('href="https://shop.example/mail/opt-out?email=reader%40example.com&amp;sig=ab"');
  });

  it("escapes everything the admin wrote in the HTML", () => {
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("Fixed &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).toContain("Tom &amp; &quot;Jerry&quot; &lt;b&gt;");
  });

  it("leaves the changelog section out when there is none", () => {
    const bare = buildNewVersionMail({
      to: "a@b.c",
      title: "T",
      version: 2,
      changelog: "  ",
      libraryUrl: "u",
      optOutUrl: "o",
    });
    expect(bare.text).not.toContain("What changed");
    expect(bare.html).not.toContain("What changed");
  });
});
