// The standalone server does not include static assets; copy them next to it, as the Next.js docs say.
// Text assets also get a gzip copy (`name.js.gz`) that the web servers send as they are (nginx's
// gzip_static, deploy/): the build's JavaScript and CSS are ~0.5 MB as written and ~0.15 MB gzipped, and
// on a phone's connection those bytes were most of the time before a page's largest paint.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(?:js|css|svg|json|txt|map)$/;

/** Writes `file.gz` beside each compressible file under `dir` that compression makes smaller. */
function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = readFileSync(file);
    const gzipped = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
    if (gzipped.length < bytes.length) writeFileSync(`${file}.gz`, gzipped);
  }
}

const standalone = ".next/standalone";
precompress(".next/static");
cpSync(".next/static", `${standalone}/.next/static`, { recursive: true });
if (existsSync("public")) cpSync("public", `${standalone}/public`, { recursive: true });
