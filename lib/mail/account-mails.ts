import type { Mail } from "./transport";

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

interface Paragraph {
  text: string;
  link?: { label: string; url: string };
}

/** One short account mail: paragraphs, each optionally ending with a link (HTML and plain text). */
function accountMail(to: string, subject: string, paragraphs: Paragraph[]): Mail {
  const text = paragraphs.map((p) => (p.link ? `${p.text}\n${p.link.label}: ${p.link.url}` : p.text)).join("\n\n");
  const body = paragraphs
    .map(
      (p) =>
        `<p>${escape(p.text)}${p.link ? `<br><a href="${escape(p.link.url)}">${escape(p.link.label)}</a>` : ""}</p>`,
    )
    .join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917;max-width:36rem">
<h1 style="font-family:Georgia,serif">${escape(subject)}</h1>
${body}
<p style="color:#666;font-size:12px">Bindery</p></body></html>`;
  return { to, subject, text, html };
}

const IGNORE = "If this was not you, ignore this mail: nothing changes.";

export function verifyEmailMail(to: string, url: string): Mail {
  return accountMail(to, "Confirm your email address", [
    {
      text: "Confirm that this address is yours to finish your Bindery account. The link works for 24 hours, once.",
      link: { label: "Confirm my email", url },
    },
    { text: IGNORE },
  ]);
}

export function changeEmailMail(to: string, url: string): Mail {
  return accountMail(to, "Confirm your new email address", [
    {
      text: "Someone asked to move a Bindery account to this address. The link works for 24 hours, once.",
      link: { label: "Use this address", url },
    },
    { text: IGNORE },
  ]);
}

export function resetPasswordMail(to: string, url: string): Mail {
  return accountMail(to, "Reset your password", [
    {
      text:
        "Choose a new password for your Bindery account. The link works for one hour, once; using it signs out " +
        "every device.",
      link: { label: "Choose a new password", url },
    },
    { text: IGNORE },
  ]);
}

/** To the owner of an address someone tried to sign up with: nothing was created. */
export function signUpTakenMail(to: string, signInUrl: string, resetUrl: string): Mail {
  return accountMail(to, "Someone tried to sign up with your address", [
    {
      text: "Someone tried to create a Bindery account with this address, which already has one. Nothing was changed.",
      link: { label: "Sign in", url: signInUrl },
    },
    { text: "Forgot your password? You can choose a new one.", link: { label: "Reset your password", url: resetUrl } },
  ]);
}
