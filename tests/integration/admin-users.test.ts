import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../helpers/app-server";
import { DEMO, signIn } from "../helpers/http-session";
import { callServerAction, readActionState } from "../helpers/server-action";
import type { StoreDb } from "../helpers/store-db";
import { closeSignedInApp, openSignedInApp } from "../helpers/signed-in-app";
import type { TestEnvironment } from "../helpers/test-env";

let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;
let admin = "";

beforeAll(async () => {
  ({ store, app, db, cookie: admin } = await openSignedInApp("admin-users", "admin"));
});
afterAll(() => closeSignedInApp({ store, app, db }));

const roleOf = async (email: string) =>
  (await db.prisma.user.findUniqueOrThrow({ where: { email }, select: { role: true } })).role;
/** Oldest first; ids break ties (a cuid starts with time and counter). */
const roleAudits = async (email: string) =>
  (
    await db.prisma.auditLog.findMany({
      where: { action: "user.role", targetId: await db.userId(email) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { actorId: true, details: true },
    })
  ).map((entry) => ({ actorId: entry.actorId, ...(JSON.parse(entry.details) as object) }));
const changeRole = async (cookie: string, email: string, role: string) =>
  readActionState(
    await callServerAction({
      baseUrl: app.url,
      cookie,
      page: "/admin/users",
      action: { file: "app/(store)/admin/users/actions.ts", name: "changeRoleAction" },
      fields: { userId: await db.userId(email), role },
    }),
  );

describe("the users list", () => {
  const emails = async (query: string) => {
    const page = await (await fetch(`${app.url}/admin/users?${query}`, { headers: { cookie: admin } })).text();
    const html = page.slice(page.indexOf('data-testid="admin-users"'), page.indexOf("</table>"));
    return Object.values(DEMO)
      .map((account) => account.email)
      .filter((email) => html.includes(email));
  };

  it("searches email and name, and filters by role", async () => {
    expect(await emails("")).toEqual(["admin@example.com", "staff@example.com", "reader@example.com"]);
    expect(await emails("q=reader")).toEqual(["reader@example.com"]);
    expect(await emails("q=Sam")).toEqual(["staff@example.com"]);
    expect(await emails("role=STAFF")).toEqual(["staff@example.com"]);
    expect(await emails("q=example&role=CUSTOMER")).toEqual(["reader@example.com"]);
    expect(await emails("q=nobody-here")).toEqual([]);
  });
});

describe("changing a role", () => {
  it("takes effect on the user's next request and is audited", async () => {
    const readerCookie = await signIn(app.url, DEMO.reader.email, DEMO.reader.password);
    expect((await fetch(`${app.url}/admin/orders`, { headers: { cookie: readerCookie } })).status).toBe(404);

    expect(await changeRole(admin, DEMO.reader.email, "STAFF")).toMatchObject({
      ok: true,
      message: "Role changed to staff.",
    });
    expect(await roleOf(DEMO.reader.email)).toBe("STAFF");
    expect((await fetch(`${app.url}/admin/orders`, { headers: { cookie: readerCookie } })).status).toBe(200);

    await changeRole(admin, DEMO.reader.email, "CUSTOMER");
    expect((await fetch(`${app.url}/admin/orders`, { headers: { cookie: readerCookie } })).status).toBe(404);
    const adminId = await db.userId(DEMO.admin.email);
    expect(await roleAudits(DEMO.reader.email)).toEqual([
      { actorId: adminId, email: DEMO.reader.email, from: "CUSTOMER", to: "STAFF" },
      { actorId: adminId, email: DEMO.reader.email, from: "STAFF", to: "CUSTOMER" },
    ]);
  });

  it("refuses an unknown role or user with a message, changing nothing", async () => {
    expect((await changeRole(admin, DEMO.reader.email, "OWNER")).fieldErrors?.role).toEqual([
      "Choose a role from the list.",
    ]);
    const unknown = await callServerAction({
      baseUrl: app.url,
      cookie: admin,
      page: "/admin/users",
      action: { file: "app/(store)/admin/users/actions.ts", name: "changeRoleAction" },
      fields: { userId: "nosuchuser0000", role: "ADMIN" },
    });
    expect((await readActionState(unknown)).error).toBe("No such user.");
    expect(await roleOf(DEMO.reader.email)).toBe("CUSTOMER");
  });

  it("never removes the last admin, not even by their own hand", async () => {
    const before = (await roleAudits(DEMO.admin.email)).length;
    for (const role of ["STAFF", "CUSTOMER"]) {
      const state = await changeRole(admin, DEMO.admin.email, role);
      expect(state.error).toBe("You are the last admin: make someone else an admin before changing your own role.");
    }
    expect(await roleOf(DEMO.admin.email)).toBe("ADMIN");
    expect(await roleAudits(DEMO.admin.email)).toHaveLength(before);
  });

  it("lets one admin step down once another exists, who then keeps the store", async () => {
    expect(await changeRole(admin, DEMO.staff.email, "ADMIN")).toMatchObject({ ok: true });
    const second = await signIn(app.url, DEMO.staff.email, DEMO.staff.password);
    expect(await changeRole(admin, DEMO.admin.email, "STAFF")).toMatchObject({ ok: true });
    expect(await roleOf(DEMO.admin.email)).toBe("STAFF");
    // The former admin is staff from the next request: user management is gone, orders remain.
    expect((await fetch(`${app.url}/admin/users`, { headers: { cookie: admin } })).status).toBe(404);
    expect((await fetch(`${app.url}/admin/orders`, { headers: { cookie: admin } })).status).toBe(200);
    // And the remaining admin cannot now leave the store without one.
    expect((await changeRole(second, DEMO.staff.email, "CUSTOMER")).error).toMatch(/^You are the last admin/);
    expect(await changeRole(second, DEMO.admin.email, "ADMIN")).toMatchObject({ ok: true });
  });
});
