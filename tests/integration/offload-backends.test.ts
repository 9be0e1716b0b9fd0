import { get } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedQuery } from "@/lib/downloads/signed-link";
import { startApp, type RunningApp } from "../helpers/app-server";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";
import { DEMO } from "../helpers/http-session";

// The app's side of offloading, with no server in front: what each backend hands to its web server.
// The servers themselves are exercised in tests/integration/servers.

let store: TestEnvironment;
let db: StoreDb;
const apps = new Map<string, RunningApp>();
const BACKENDS = ["nginx", "apache", "lighttpd", "caddy"] as const;

beforeAll(async () => {
  store = prepareTestEnvironment("offload", { DOWNLOAD_RATE_LIMIT: "0" });
  db = new StoreDb(store.env.DATABASE_URL);
  await Promise.all(
    BACKENDS.map(async (backend) => apps.set(backend, await startApp({ ...store.env, SENDFILE_BACKEND: backend }))),
  );
});
afterAll(async () => {
  await db?.close();
  await Promise.all([...apps.values()].map((app) => app.stop()));
});

/** Raw header bytes as they cross the wire (Node's parser keeps them as Latin-1). */
function rawGet(url: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const headers: Record<string, string> = {};
        for (let i = 0; i < response.rawHeaders.length; i += 2)
          headers[response.rawHeaders[i].toLowerCase()] = response.rawHeaders[i + 1];
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
    }).on("error", reject);
  });
}

async function grantForFile(displayName: string) {
  const file = await db.file(displayName);
  const grantId = await db.createGrant({ email: DEMO.reader.email, fileId: file.id, productId: file.productId });
  return { file, grantId, query: signedQuery(grantId, 600, store.env.AUTH_SECRET) };
}

const EXPECTED_STATUS = { nginx: 204, caddy: 204, apache: 200, lighttpd: 200 } as const;

describe.each(BACKENDS)("SENDFILE_BACKEND=%s", (backend) => {
  it("answers an empty offload response with the headers the client must see", async () => {
    const { file, grantId, query } = await grantForFile("The Quiet Art of Binding.pdf");
    const response = await rawGet(`${apps.get(backend)?.url}/api/downloads/${grantId}?${query}`);
    expect(response.status).toBe(EXPECTED_STATUS[backend]);
    expect(response.body.length).toBe(0);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toContain(`filename*=UTF-8''The%20Quiet%20Art%20of%20Binding.pdf`);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["cache-control"]).toBe("private");
    expect(response.headers.etag).toBeUndefined();
    expect(response.headers["last-modified"]).toBeUndefined();
    const absolute = `${store.env.PROTECTED_ROOT}/${file.storageKey}`;
    if (backend === "nginx" || backend === "caddy")
      expect(response.headers["x-accel-redirect"]).toBe(`/_protected/${file.storageKey}`);
    else expect(response.headers["x-sendfile"]).toBe(absolute);
    expect((await db.grant(grantId)).downloadsUsed).toBe(1);
  });

  it("encodes a non-ASCII file name the way this server reads it, or streams it itself", async () => {
    const { file, grantId, query } = await grantForFile("Ωmega — Les Misérables 日本語.pdf");
    const key = "imported/Ωmega 日本語 100%.pdf";
    const { mkdirSync, copyFileSync } = await import("node:fs");
    mkdirSync(`${store.env.PROTECTED_ROOT}/imported`, { recursive: true });
    copyFileSync(`${store.env.PROTECTED_ROOT}/${file.storageKey}`, `${store.env.PROTECTED_ROOT}/${key}`);
    await db.setStorageKey(file.id, key);
    try {
      const response = await rawGet(`${apps.get(backend)?.url}/api/downloads/${grantId}?${query}`);
      const absolute = `${store.env.PROTECTED_ROOT}/${key}`;
      const disposition = response.headers["content-disposition"];
      expect(disposition).toContain(
        `filename*=UTF-8''%CE%A9mega%20%E2%80%94%20Les%20Mis%C3%A9rables%20%E6%97%A5%E6%9C%AC%E8%AA%9E.pdf`,
      );
      if (backend === "nginx")
        expect(response.headers["x-accel-redirect"]).toBe(
          "/_protected/imported/%CE%A9mega%20%E6%97%A5%E6%9C%AC%E8%AA%9E%20100%25.pdf",
        );
      if (backend === "lighttpd")
        expect(response.headers["x-sendfile"]).toBe(
          absolute
            .split("/")
            .map((s) => encodeURIComponent(s))
            .join("/"),
        );
      // mod_xsendfile does not decode: the raw UTF-8 bytes, which Node's parser shows as Latin-1.
      if (backend === "apache")
        expect(Buffer.from(response.headers["x-sendfile"], "latin1").toString("utf8")).toBe(absolute);
      if (backend === "caddy") {
        expect(response.status).toBe(200);
        expect(response.headers["x-accel-redirect"]).toBeUndefined();
        expect(response.body.length).toBe(file.size);
      }
    } finally {
      await db.setStorageKey(file.id, file.storageKey);
    }
  });
});
