import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sqliteNativeProblem } from "../../scripts/lib/sqlite-native.mjs";
import { PROJECT_ROOT } from "../helpers/test-env";

const FIX = "install python3, make and g++, then run `npm rebuild better-sqlite3`.";
/** A node -e script's start: the module under test, imported as the scripts import it. */
const importNative = `import(${JSON.stringify(path.join(PROJECT_ROOT, "scripts/lib/sqlite-native.mjs"))})`;

// better-sqlite3 as `npm ci` leaves it when its compile failed: the package without its build/ folder.
const scratch = mkdtempSync(path.join(os.tmpdir(), "bindery-sqlite-native-"));
const installed = path.join(PROJECT_ROOT, "node_modules");
const unbuilt = path.join(scratch, "node_modules", "better-sqlite3");
for (const part of ["package.json", "lib"])
  cpSync(path.join(installed, "better-sqlite3", part), path.join(unbuilt, part), { recursive: true });
symlinkSync(path.join(installed, "bindings"), path.join(scratch, "node_modules", "bindings"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("better-sqlite3's native module", () => {
  it("names the fix when the module was never compiled", () => {
    const Database = createRequire(import.meta.url)(unbuilt) as new (file: string) => unknown;
    let thrown: unknown = null;
    try {
      new Database(":memory:");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(sqliteNativeProblem(thrown)).toBe(
      `better-sqlite3's native module did not build (it was never compiled): ${FIX}`,
    );
  });

  it("names the same fix when it was compiled for another Node.js", () => {
    const error = Object.assign(
      new Error(
        "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
          "was compiled against a different Node.js version using\n" +
          "NODE_MODULE_VERSION 115. This version of Node.js requires\n" +
          "NODE_MODULE_VERSION 127.",
      ),
      { code: "ERR_DLOPEN_FAILED" },
    );
    expect(sqliteNativeProblem(error)).toBe(
      `better-sqlite3's native module did not build (it was compiled for another Node.js version): ${FIX}`,
    );
  });

  it("leaves every other error alone", () => {
    expect(sqliteNativeProblem(new Error("SQLITE_CANTOPEN: unable to open database file"))).toBeNull();
    expect(
      sqliteNativeProblem(Object.assign(new Error("libfoo.so: cannot open"), { code: "ERR_DLOPEN_FAILED" })),
    ).toBeNull();
  });

  it("stops a script with exactly that one line and exit code 1", () => {
    const missing = JSON.stringify(path.join(scratch, "index.js"));
    const script = `${importNative}.then((m) => m.assertSqliteNative(${missing}))`;
    let result: { status: number | null; stderr: string } = { status: 0, stderr: "" };
    try {
      execFileSync(process.execPath, ["-e", script], { stdio: "pipe" });
    } catch (error) {
      result = error as { status: number | null; stderr: string };
    }
    expect(result.status).toBe(1);
    expect(String(result.stderr).trim().split("\n")).toEqual([
      `Bindery cannot start: better-sqlite3's native module did not build (it was never compiled): ${FIX}`,
    ]);
  });

  it("passes silently where the module loads", () => {
    const packageJson = JSON.stringify(path.join(PROJECT_ROOT, "package.json"));
    const script = `${importNative}.then((m) => { m.assertSqliteNative(${packageJson}); console.log("loaded"); })`;
    expect(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", stdio: "pipe" }).trim()).toBe("loaded");
  });
});
