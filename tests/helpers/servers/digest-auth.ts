import { createHash, randomBytes } from "node:crypto";

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

/** A line of an htdigest file, as `htdigest <file> <realm> <user>` writes it. */
export function htdigestLine(user: string, realm: string, password: string): string {
  return `${user}:${realm}:${md5(`${user}:${realm}:${password}`)}\n`;
}

/** The Authorization header answering a `WWW-Authenticate: Digest …` challenge (RFC 7616, MD5, qop=auth). */
export function digestAuthorization(
  challenge: string,
  method: string,
  uri: string,
  user: string,
  password: string,
): string {
  const param = (name: string) => new RegExp(`${name}="?([^",]*)"?`).exec(challenge)?.[1] ?? "";
  const realm = param("realm");
  const nonce = param("nonce");
  const cnonce = randomBytes(8).toString("hex");
  const nc = "00000001";
  const response = md5(
    `${md5(`${user}:${realm}:${password}`)}:${nonce}:${nc}:${cnonce}:auth:${md5(`${method}:${uri}`)}`,
  );
  return (
    `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", ` +
    `algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`
  );
}
