// The standalone server does not include static assets; copy them next to it, as the Next.js docs say.
import { cpSync, existsSync } from "node:fs";

const standalone = ".next/standalone";
cpSync(".next/static", `${standalone}/.next/static`, { recursive: true });
if (existsSync("public")) cpSync("public", `${standalone}/public`, { recursive: true });
