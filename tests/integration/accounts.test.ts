import type { OrderStatus } from "@prisma/client";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { claimQuery } from "@/lib/auth/claim-link";
import {
  accountAction,
  attemptSignIn,
  insertGuestOrder,
  insertLegacyCustomer,
  linkIn,
  mailsTo,
  orderOwner,
  queuedSubjectsTo,
  tokenOf,
  waitForMail,
} from "../helpers/accounts";
import { startApp, type RunningApp } from "../helpers/app-server";
import { DEMO } from "../helpers/http-session";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;

beforeAll(async () => {
  store = prepareTestEnvironment("accounts");
  // The app trusts its loopback proxy, so each test can speak from its own client address.
  app = await startApp({ ...store.env, TRUSTED_PROXY: "127.0.0.1" });
  db = new StoreDb(store.env.DATABASE_URL);
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
  if (store) rmSync(store.dir, { recursive: true, force: true });
});

let nextIp = 10;
const freshIp = () => `203.0.113.${nextIp++}`;
const GUEST_FILE = "Field Notes on Typography.epub";

const get = (path: string, cookie = "") => fetch(`${app.url}${path}`, { headers: { cookie }, redirect: "manual" });
const action = (
  page: string,
  dir: string,
  name: string,
  fields: Record<string, string>,
  options: { ip?: string; cookie?: string } = {},
) =>
  accountAction(app.url, page, `app/(store)/${dir}/actions.ts`, name, fields, {
    ip: options.ip ?? freshIp(),
    cookie: options.cookie,
  });
const signUp = (fields: Record<string, string>, ip?: string) =>
  action("/signup", "signup", "signUpAction", fields, { ip });
const forgot = (email: string, ip?: string) =>
  action("/forgot-password", "forgot-password", "forgotPasswordAction", { email }, { ip });
const reset = (token: string, password: string) =>
  action("/reset-password", "reset-password", "resetPasswordAction", { token, password, passwordConfirm: password });
const accountPage = (name: string, fields: Record<string, string>, cookie: string) =>
  action("/account", "account", name, fields, { cookie });
const signIn = async (email: string, password: string) => {
  const result = await attemptSignIn(app.url, email, password, freshIp());
  if (!result.cookie) throw new Error(`sign-in failed for ${email}: ${result.url}`);
  return result.cookie;
};
/** The account with this address, or undefined when there is none. */
const user = async (email: string) =>
  (await db.prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, emailVerifiedAt: true, sessionVersion: true },
  })) ?? undefined;
const readersGrant = async (userId: string) => {
  const row = await db.prisma.downloadGrant.findFirst({
    where: { revokedAt: null, orderItem: { order: { userId } } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  if (!row) throw new Error("the seed gave the reader no grant");
  return row.id;
};
const setSessionVersion = (userId: string, sessionVersion: number) =>
  db.prisma.user.update({ where: { id: userId }, data: { sessionVersion } });
const isSignedIn = async (cookie: string) => {
  const [account, library] = await Promise.all([get("/account", cookie), get("/library", cookie)]);
  await Promise.all([account.arrayBuffer(), library.arrayBuffer()]);
  return { account: account.status, library: library.status };
};

describe("sign-up proves the address before it receives anything", () => {
  it("answers the same for a taken address, creates nothing, and tells the owner instead", async () => {
    const readerBefore = await user(DEMO.reader.email);
    const fresh = `fresh-${Date.now()}@example.com`;
    const forNew = await signUp({ email: fresh, password: "a-long-enough-password" });
    const forTaken = await signUp({ email: DEMO.reader.email, password: "squatters-password" });
    expect(forNew.ok).toBe(true);
    expect(forTaken).toEqual(forNew);

    expect(await user(DEMO.reader.email)).toEqual(readerBefore);
    expect(await db.prisma.user.count({ where: { email: DEMO.reader.email } })).toBe(1);
    expect((await attemptSignIn(app.url, DEMO.reader.email, "squatters-password", freshIp())).cookie).toBeNull();
    await waitForMail(store, DEMO.reader.email, /Someone tried to sign up/);

    expect((await user(fresh))?.emailVerifiedAt).toBeNull();
    await waitForMail(store, fresh, /Confirm your email/);
  });

  it("a guest order paid with a squatter's address stays out of their library; the owner claims it", async () => {
    const victim = `victim-${Date.now()}@example.com`;
    expect((await signUp({ email: victim, password: "squatter-password-1" })).ok).toBe(true);
    const squatter = await signIn(victim, "squatter-password-1");
    const orderId = await insertGuestOrder(db, victim, GUEST_FILE);

    const library = await (await get("/library", squatter)).text();
    expect(library).toContain("Confirm your email");
    expect(library).not.toContain(GUEST_FILE);
    expect(await orderOwner(db, orderId)).toBeNull();

    // The receipt's claim link proves the address: the owner of the mailbox takes the account over.
    const claim = `/claim?${claimQuery(orderId, 3600, store.env.AUTH_SECRET)}`;
    const page = await (await get(claim)).text();
    expect(page).toContain("Set a password for");
    const params = new URL(claim, app.url).searchParams;
    const claimed = await action(claim, "claim", "claimAccountAction", {
      order: params.get("order") ?? "",
      expires: params.get("expires") ?? "",
      sig: params.get("sig") ?? "",
      password: "the-real-owners-password",
    });
    expect(claimed).toMatchObject({ ok: true, message: victim });
    expect(await orderOwner(db, orderId)).toBe((await user(victim))?.id);
    expect((await user(victim))?.emailVerifiedAt).not.toBeNull();
    expect(await isSignedIn(squatter)).toEqual({ account: 307, library: 307 });
    expect((await attemptSignIn(app.url, victim, "squatter-password-1", freshIp())).cookie).toBeNull();
    const owner = await signIn(victim, "the-real-owners-password");
    expect(await (await get("/library", owner)).text()).toContain(GUEST_FILE);
  });

  it("the verification link moves the address's guest orders in, and works once", async () => {
    const email = `verify-${Date.now()}@example.com`;
    const orderId = await insertGuestOrder(db, email, GUEST_FILE);
    expect((await signUp({ email, password: "verify-me-password" })).ok).toBe(true);
    const cookie = await signIn(email, "verify-me-password");
    expect(await (await get("/library", cookie)).text()).not.toContain(GUEST_FILE);

    const link = linkIn(await waitForMail(store, email, /Confirm your email/), "verify-email");
    const first = await fetch(`${app.url}/verify-email?token=${encodeURIComponent(tokenOf(link))}`);
    expect(await first.text()).toContain("Your email is confirmed");
    expect(await orderOwner(db, orderId)).toBe((await user(email))?.id);
    const library = await (await get("/library", cookie)).text();
    expect(library).toContain(GUEST_FILE);
    expect(library).not.toContain("Confirm your email");

    const again = await fetch(`${app.url}/verify-email?token=${encodeURIComponent(tokenOf(link))}`);
    expect(await again.text()).toContain("expired or was already used");
  });

  it("is rate limited per network", async () => {
    const ip = freshIp();
    const answers = [];
    for (let i = 0; i < 11; i++)
      answers.push(
        await signUp({ email: `burst-${i}-${Date.now()}@example.com`, password: "a-long-enough-password" }, ip),
      );
    expect(answers.slice(0, 10).every((answer) => answer.ok)).toBe(true);
    expect(answers[10]).toMatchObject({ error: expect.stringMatching(/Too many attempts/) });
    expect(answers[10].ok).toBeFalsy();
    expect(
      (await signUp({ email: `burst-other-${Date.now()}@example.com`, password: "a-long-enough-password" })).ok,
    ).toBe(true);
  });
});

describe("forgot password", () => {
  it("answers the same for known and unknown addresses and mails only the known one", async () => {
    const email = `known-${Date.now()}@example.com`;
    await insertLegacyCustomer(db, email, "known-password-1", true);
    const unknown = `nobody-${Date.now()}@example.com`;
    // The unknown address first: a mail to it would be queued before the known address's is delivered.
    const stranger = await forgot(unknown);
    const known = await forgot(email);
    expect(known.ok).toBe(true);
    expect(stranger).toEqual(known);
    await waitForMail(store, email, /Reset your password/);
    expect(await queuedSubjectsTo(db, email)).toEqual([expect.stringMatching(/Reset your password/)]);
    expect(await queuedSubjectsTo(db, unknown)).toEqual([]);
    expect(mailsTo(store, unknown)).toEqual([]);
  });

  it("the reset link sets the password once and ends every existing session", async () => {
    const email = `reset-${Date.now()}@example.com`;
    await insertLegacyCustomer(db, email, "old-password-123", true);
    const oldSession = await signIn(email, "old-password-123");
    expect(await isSignedIn(oldSession)).toEqual({ account: 200, library: 200 });

    expect((await forgot(email)).ok).toBe(true);
    const first = tokenOf(linkIn(await waitForMail(store, email, /Reset your password/), "reset-password"));
    expect((await forgot(email)).ok).toBe(true);
    const second = tokenOf(linkIn(await waitForMail(store, email, /Reset your password/, 2), "reset-password"));
    // Only the newest link works.
    expect((await reset(first, "new-password-456")).ok).toBeFalsy();
    expect((await reset(second, "new-password-456")).ok).toBe(true);

    expect(await isSignedIn(oldSession)).toEqual({ account: 307, library: 307 });
    expect((await attemptSignIn(app.url, email, "old-password-123", freshIp())).cookie).toBeNull();
    expect(await isSignedIn(await signIn(email, "new-password-456"))).toEqual({ account: 200, library: 200 });
    expect((await reset(second, "third-password-789")).ok).toBeFalsy();
  });

  it("is rate limited per network, with the same answer for any address", async () => {
    const ip = freshIp();
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await forgot(`flood-${i}@example.com`, ip));
    expect(answers.slice(0, 10).every((answer) => answer.ok)).toBe(true);
    expect(answers[10].ok).toBeFalsy();
    expect(answers[10].error).toMatch(/Too many attempts/);
    expect((await forgot(`flood-x@example.com`, freshIp())).ok).toBe(true);
  });
});

describe("the account page", () => {
  it("lists the buyer's paid orders, refunded and disputed ones too, never an abandoned checkout", async () => {
    const email = `history-${Date.now()}@example.com`;
    await insertLegacyCustomer(db, email, "history-password-1", true);
    const file = await db.file(GUEST_FILE);
    const orderOf = async (orderStatus: OrderStatus) => {
      const grantId = await db.createGrant({ email, fileId: file.id, productId: file.productId, orderStatus });
      const grant = await db.prisma.downloadGrant.findUniqueOrThrow({
        where: { id: grantId },
        select: { orderItem: { select: { orderId: true } } },
      });
      return grant.orderItem.orderId;
    };
    const shown = await Promise.all((["PAID", "PARTIALLY_REFUNDED", "REFUNDED", "DISPUTED"] as const).map(orderOf));
    const hidden = await Promise.all((["PENDING", "FAILED", "CANCELED"] as const).map(orderOf));

    const page = await (await get("/account", await signIn(email, "history-password-1"))).text();
    expect(page).toContain('data-testid="order-history"');
    for (const id of shown) expect(page).toContain(id);
    for (const id of hidden) expect(page).not.toContain(id);
  });

  it("changes the password only with the current one, and ends the other sessions", async () => {
    const email = `change-${Date.now()}@example.com`;
    await insertLegacyCustomer(db, email, "first-password-1", true);
    const here = await signIn(email, "first-password-1");
    const elsewhere = await signIn(email, "first-password-1");
    const before = await user(email);

    const wrong = await accountPage(
      "changePasswordAction",
      { currentPassword: "not-the-password", password: "second-password-2", passwordConfirm: "second-password-2" },
      here,
    );
    expect(wrong.ok).toBeFalsy();
    expect(wrong.fieldErrors?.currentPassword?.[0]).toMatch(/current password/);
    // The form keeps its input after a failure, but never a password.
    expect(JSON.stringify(wrong)).not.toMatch(/not-the-password|second-password-2/);
    expect((await user(email))?.passwordHash).toBe(before?.passwordHash);

    const right = await accountPage(
      "changePasswordAction",
      { currentPassword: "first-password-1", password: "second-password-2", passwordConfirm: "second-password-2" },
      here,
    );
    expect(right).toMatchObject({ ok: true, message: email });
    expect(await isSignedIn(elsewhere)).toEqual({ account: 307, library: 307 });
    expect((await attemptSignIn(app.url, email, "first-password-1", freshIp())).cookie).toBeNull();
    await signIn(email, "second-password-2");
  });

  it("keeps a session issued before session versions existed (no version: 0), until the version moves", async () => {
    const reader = await user(DEMO.reader.email);
    expect(reader?.sessionVersion).toBe(0);
    const token = await encode({ token: { sub: reader?.id, email: DEMO.reader.email }, secret: store.env.AUTH_SECRET });
    const cookie = `next-auth.session-token=${token}`;
    const grant = await readersGrant(reader?.id ?? "");
    const download = async () => {
      const answer = await fetch(`${app.url}/api/downloads/${grant}`, {
        method: "HEAD",
        headers: { cookie },
        redirect: "manual",
      });
      return answer.status;
    };
    expect(await isSignedIn(cookie)).toEqual({ account: 200, library: 200 });
    expect(await download()).toBe(200);
    await setSessionVersion(reader?.id ?? "", 1);
    try {
      expect(await isSignedIn(cookie)).toEqual({ account: 307, library: 307 });
      // The download route reads the version in its own joined query: the ended session is sent to sign in.
      expect(await download()).toBe(303);
    } finally {
      await setSessionVersion(reader?.id ?? "", 0);
    }
  });

  it("signs out everywhere", async () => {
    const email = `everywhere-${Date.now()}@example.com`;
    await insertLegacyCustomer(db, email, "everywhere-password", true);
    const phone = await signIn(email, "everywhere-password");
    const laptop = await signIn(email, "everywhere-password");
    expect(await isSignedIn(laptop)).toEqual({ account: 200, library: 200 });
    expect((await accountPage("signOutEverywhereAction", {}, phone)).ok).toBe(true);
    expect(await isSignedIn(phone)).toEqual({ account: 307, library: 307 });
    expect(await isSignedIn(laptop)).toEqual({ account: 307, library: 307 });
    expect(await isSignedIn(await signIn(email, "everywhere-password"))).toEqual({ account: 200, library: 200 });
  });

  it("changes the email only through a link mailed to the new address", async () => {
    const email = `mover-${Date.now()}@example.com`;
    const moved = `moved-${Date.now()}@example.com`;
    await insertLegacyCustomer(db, email, "mover-password-1", true);
    const cookie = await signIn(email, "mover-password-1");
    const taken = await accountPage(
      "changeEmailAction",
      { email: DEMO.staff.email, currentPassword: "mover-password-1" },
      cookie,
    );
    const free = await accountPage("changeEmailAction", { email: moved, currentPassword: "mover-password-1" }, cookie);
    expect(free.ok).toBe(true);
    expect(taken.message?.replace(DEMO.staff.email, "X")).toBe(free.message?.replace(moved, "X"));
    expect(await user(email)).toBeDefined();

    const link = linkIn(await waitForMail(store, moved, /Confirm your new email/), "verify-email");
    expect(await (await fetch(link.replace(/^https?:\/\/[^/]+/, app.url))).text()).toContain(
      "Your account now uses this address",
    );
    expect(await user(email)).toBeUndefined();
    expect((await user(moved))?.emailVerifiedAt).not.toBeNull();
    // The attempt on the taken address came before the mail to the free one, which has been delivered.
    expect((await queuedSubjectsTo(db, DEMO.staff.email)).filter((subject) => /new email/.test(subject))).toEqual([]);
    expect(mailsTo(store, DEMO.staff.email).filter((mail) => /new email/.test(mail.subject))).toEqual([]);
  });
});

describe("sign-in", () => {
  it("six wrong passwords for the admin from one address do not stop the admin from another", async () => {
    const attacker = freshIp();
    for (let i = 0; i < 6; i++) {
      expect((await attemptSignIn(app.url, DEMO.admin.email, `wrong-guess-${i}`, attacker)).cookie).toBeNull();
    }
    // The attacker's network is throttled for that address, even with the right password …
    const blocked = await attemptSignIn(app.url, DEMO.admin.email, DEMO.admin.password, attacker);
    expect(blocked.cookie).toBeNull();
    expect(decodeURIComponent(blocked.url)).toMatch(/Too many sign-in attempts/);
    // … and the admin, elsewhere, signs in at once.
    const admin = await attemptSignIn(app.url, DEMO.admin.email, DEMO.admin.password, "198.51.100.77");
    expect(admin.cookie).not.toBeNull();
  });

  it("fails the same way for an unknown address and a wrong password", async () => {
    const known = await attemptSignIn(app.url, DEMO.reader.email, "not-the-password", freshIp());
    const unknown = await attemptSignIn(app.url, `ghost-${Date.now()}@example.com`, "not-the-password", freshIp());
    expect(known.cookie).toBeNull();
    expect(unknown).toEqual(known);
  });

  it("upgrades an old bcrypt hash to scrypt on the next sign-in", async () => {
    const email = `legacy-${Date.now()}@example.com`;
    await insertLegacyCustomer(db, email, "legacy-password-1", true);
    expect((await user(email))?.passwordHash).toMatch(/^\$2[ab]\$/);
    await signIn(email, "legacy-password-1");
    expect((await user(email))?.passwordHash).toMatch(/^scrypt\$/);
    await signIn(email, "legacy-password-1");
  });

  it.each([
    "/.//evil.example/login",
    "//evil.example/login",
    "/%2e//evil.example/login",
    "/\\evil.example",
    "https://evil.example/",
  ])("never sends the browser to another site for callbackUrl=%s", async (callbackUrl) => {
    const page = await (await get(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`)).text();
    // What the sign-in form will push the browser to, as the page hands it over.
    const handedToForm = [...page.matchAll(/\\?"callbackUrl\\?":\\?"([^"\\]*)/g)].map((match) => match[1]);
    expect(handedToForm.length).toBeGreaterThan(0);
    expect(new Set(handedToForm)).toEqual(new Set(["/"]));
    expect(page).toContain(`href="/signup?callbackUrl=%2F"`);
    const result = await attemptSignIn(app.url, DEMO.reader.email, DEMO.reader.password, freshIp(), callbackUrl);
    expect(result.cookie).not.toBeNull();
    expect(new URL(result.url, app.url).origin).toBe(new URL(app.url).origin);
    expect(new URL(result.url, app.url).pathname).not.toMatch(/^\/\//);
  });
});
