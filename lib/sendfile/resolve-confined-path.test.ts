import { mkdir, realpath, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfinementError, MissingFileError } from "./errors";
import { resolveConfinedPath } from "./resolve-confined-path";
import { makeTempRoot, type TempRoot } from "./testing/temp-root";

let tree: TempRoot;
beforeEach(async () => {
  tree = await makeTempRoot();
  await tree.write("books/a.pdf", "inside");
});
afterEach(() => tree.cleanup());

describe("resolveConfinedPath", () => {
  it.each([
    ["empty", ""],
    ["absolute", "/etc/passwd"],
    ["absolute to the real file", "/books/a.pdf"],
    ["NUL", "books/a.pdf\0.txt"],
    ["parent segment", "../outside/secret"],
    ["parent in the middle", "books/../books/a.pdf"],
    ["parent at the end", "books/.."],
    ["current segment", "./books/a.pdf"],
    ["empty segment", "books//a.pdf"],
    ["trailing slash", "books/"],
    ["backslash", "books\\a.pdf"],
    ["backslash parent", "..\\outside"],
  ])("refuses a key that is %s", async (_why, key) => {
    await expect(resolveConfinedPath(tree.root, key)).rejects.toBeInstanceOf(ConfinementError);
  });

  it("resolves a plain key to its real path, size and mtime", async () => {
    const found = await resolveConfinedPath(tree.root, "books/a.pdf");
    expect(found.absolutePath).toBe(path.join(await realpath(tree.root), "books/a.pdf"));
    expect(found.size).toBe(6);
    expect(found.mtime).toBeInstanceOf(Date);
  });

  it("accepts names that merely start with dots", async () => {
    await tree.write("..foo", "dots");
    await expect(resolveConfinedPath(tree.root, "..foo")).resolves.toMatchObject({ size: 4 });
  });

  it("refuses a symlink to a file outside the root", async () => {
    await writeFile(path.join(tree.outside, "secret"), "secret");
    await symlink(path.join(tree.outside, "secret"), path.join(tree.root, "leak.pdf"));
    await expect(resolveConfinedPath(tree.root, "leak.pdf")).rejects.toBeInstanceOf(ConfinementError);
  });

  it("refuses a symlinked directory that leads outside", async () => {
    await writeFile(path.join(tree.outside, "secret"), "secret");
    await symlink(tree.outside, path.join(tree.root, "door"));
    await expect(resolveConfinedPath(tree.root, "door/secret")).rejects.toBeInstanceOf(ConfinementError);
  });

  it("refuses a sibling directory whose name starts with the root's name", async () => {
    const sibling = `${tree.root}-evil`;
    await mkdir(sibling);
    await writeFile(path.join(sibling, "secret"), "secret");
    await symlink(path.join(sibling, "secret"), path.join(tree.root, "sibling.pdf"));
    await expect(resolveConfinedPath(tree.root, "sibling.pdf")).rejects.toBeInstanceOf(ConfinementError);
  });

  it("refuses a symlink to the root itself", async () => {
    await symlink(tree.root, path.join(tree.root, "self"));
    await expect(resolveConfinedPath(tree.root, "self")).rejects.toBeInstanceOf(ConfinementError);
  });

  it("follows a symlink inside the root that points inside", async () => {
    await symlink("books/a.pdf", path.join(tree.root, "alias.pdf"));
    const found = await resolveConfinedPath(tree.root, "alias.pdf");
    expect(found.absolutePath).toBe(path.join(await realpath(tree.root), "books/a.pdf"));
  });

  it("works when the root itself is reached through a symlink", async () => {
    const linkedRoot = path.join(tree.outside, "root-link");
    await symlink(tree.root, linkedRoot);
    const found = await resolveConfinedPath(linkedRoot, "books/a.pdf");
    expect(found.absolutePath).toBe(path.join(await realpath(tree.root), "books/a.pdf"));
  });

  it.each([
    ["a missing file", "books/missing.pdf"],
    ["a path through a file", "books/a.pdf/x"],
    ["a directory", "books"],
  ])("reports %s as MissingFileError", async (_why, key) => {
    await expect(resolveConfinedPath(tree.root, key)).rejects.toBeInstanceOf(MissingFileError);
  });

  it("reports a dangling symlink as MissingFileError", async () => {
    await symlink("books/gone.pdf", path.join(tree.root, "dangling.pdf"));
    await expect(resolveConfinedPath(tree.root, "dangling.pdf")).rejects.toBeInstanceOf(MissingFileError);
  });
});
