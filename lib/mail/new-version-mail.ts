import type { Mail } from "./transport";

export interface NewVersionMailInput {
  to: string;
  title: string;
  version: number;
  changelog: string | null;
  libraryUrl: string;
  optOutUrl: string;
}

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The owners' mail about a new version: what changed and a link to the library, never a download link. */
export function buildNewVersionMail(input: NewVersionMailInput): Mail {
  const subject = `${input.title}: version ${input.version} is out`.replace(/[\r\n]+/g, " ").slice(0, 200);
  const changelog = input.changelog?.trim() || null;
  const text = [
    `Version ${input.version} of ${input.title} is in your library.`,
    ...(changelog ? ["", "What changed:", changelog] : []),
    "",
    `Download it from your library: ${input.libraryUrl}`,
    "",
    `No more mails about new versions: ${input.optOutUrl}`,
  ].join("\n");
  const changes = changelog
    ? `<h2 style="font-size:16px">What changed</h2>\n<p style="white-space:pre-line">${escape(changelog)}</p>`
    : "";
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917;max-width:36rem">
<h1 style="font-family:Georgia,serif">${escape(subject)}</h1>
<p>Version ${input.version} of <strong>${escape(input.title)}</strong> is in your library.</p>
${changes}
<p><a href="${escape(input.libraryUrl)}">Download it from your library</a></p>
<p style="color:#666;font-size:12px"><a href="${escape(input.optOutUrl)}">No more mails about new versions</a></p>
</body></html>`;
  return { to: input.to, subject, text, html };
}
