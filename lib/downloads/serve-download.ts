import "server-only";
import { getConfig } from "@/lib/config";
import { sessionIdentityFrom } from "@/lib/auth/session-user-id";
import { clientIp } from "@/lib/http/client-ip";
import { downloadNetwork, networkKey } from "@/lib/http/network-key";
import { keepContentLength } from "@/lib/http/content-length";
import {
  ConfinementError,
  MissingFileError,
  ifRangeValidators,
  resolveConfinedPath,
  sendProtectedFile,
  type ConfinedFile,
} from "@/lib/sendfile";
import { copyToSend } from "@/lib/stamping/copy-to-send";
import {
  deniedAnswer,
  linkExpiredAnswer,
  linkReplacedAnswer,
  notFoundAnswer,
  preparingAnswer,
  rateLimitedAnswer,
} from "./answers";
import { appAnswerSendsByteZero, classifyDownloadRequest } from "./counting";
import { denialFor, resumeIsFree } from "./decide";
import { downloadStore } from "./download-store";
import type { DownloadEventInput } from "./events";
import { checkGrantLink } from "./signed-link";

/**
 * GET/HEAD /api/downloads/[grantId]: decides who may download (session owner or signed link), uses up
 * a download atomically, logs the attempt, and hands the file to lib/sendfile.
 */
export async function serveDownload(request: Request, grantId: string): Promise<Response> {
  const config = getConfig();
  const store = downloadStore();
  const url = new URL(request.url);
  const ip = clientIp(request.headers, config.trustedProxies);
  const event = (fields: Partial<DownloadEventInput> & Pick<DownloadEventInput, "outcome">): DownloadEventInput => ({
    grantId: null,
    userId: null,
    ip,
    network: downloadNetwork(ip),
    userAgent: request.headers.get("user-agent"),
    range: request.headers.get("range"),
    backend: config.sendfileBackend,
    ...fields,
  });

  if (config.downloads.ratePerMinute > 0) {
    // Per network (an IPv6 client owns a whole /64), so one client cannot dodge the limit by rotating addresses;
    // counted in the database, so every app instance shares one count.
    const wait = await store.hitRateLimit(
      `download:${networkKey(ip)}`,
      config.downloads.ratePerMinute,
      60_000,
      Date.now(),
    );
    if (wait > 0) {
      await store.log(event({ outcome: "RATE_LIMITED" }));
      return rateLimitedAnswer(wait);
    }
  }

  const signature = url.searchParams.get("sig");
  const signIn = () =>
    new Response(null, {
      status: 303,
      headers: { Location: `/signin?callbackUrl=${encodeURIComponent(`${url.pathname}${url.search}`)}` },
    });
  const identity = signature === null ? await sessionIdentityFrom(request.headers) : null;
  if (signature === null && !identity) return signIn();
  const userId = identity?.userId ?? null;

  const grant = await store.findGrant(grantId);
  // A session issued before a password reset or "sign out everywhere" is no session (the version is read
  // in the same joined query, so this costs no round trip).
  if (identity && grant && grant.ownerId === identity.userId && grant.ownerSessionVersion !== identity.sessionVersion)
    return signIn();
  const grantRef = { grantId: grant ? grantId : null, userId, fileVersion: grant?.fileVersion };
  const link = signature === null ? null : checkGrantLink(grantId, url.searchParams, config.authSecret);
  if (link && link.check !== "valid") {
    await store.log(event({ ...grantRef, outcome: link.check === "expired" ? "LINK_EXPIRED" : "BAD_SIGNATURE" }));
    return link.check === "expired" ? linkExpiredAnswer() : notFoundAnswer();
  }
  if (!grant || (userId !== null && grant.ownerId !== userId)) {
    await store.log(event({ ...grantRef, outcome: "NOT_FOUND" }));
    return notFoundAnswer();
  }
  const known = { grantId, userId: userId ?? grant.ownerId, fileVersion: grant.fileVersion };
  // A genuine link of an earlier generation: staff stopped the links given out (the library still works).
  if (link && link.generation !== grant.linkGeneration) {
    await store.log(event({ ...known, outcome: "LINK_REPLACED" }));
    return linkReplacedAnswer();
  }

  // Every request, counted or not (a resume, a HEAD), passes every rule: the same 403 as a fresh download.
  const now = new Date();
  const denial = denialFor(grant, now);
  if (denial) {
    await store.log(event({ ...known, outcome: denial }));
    return deniedAnswer(denial);
  }

  // A book that stamps copies sends the buyer's own copy, stored and offloaded like the original.
  const copy = await copyToSend(grant);
  if (copy.send === "later") {
    await store.log(event({ ...known, outcome: "PREPARING" }));
    return preparingAnswer(5);
  }
  const storageKey = copy.send === "copy" ? copy.storageKey : grant.storageKey;
  const file = { storageKey, displayName: grant.displayName, contentType: grant.contentType };
  const options = {
    backend: config.sendfileBackend,
    protectedRoot: config.protectedRoot,
    internalPrefix: config.sendfileUrl,
  };
  let target: ConfinedFile;
  let response: Response;
  try {
    target = await resolveConfinedPath(config.protectedRoot, storageKey);
    response = await sendProtectedFile(request, file, options, target);
  } catch (error) {
    if (!(error instanceof ConfinementError || error instanceof MissingFileError)) throw error;
    console.error(
      `[downloads] ${error.name} for grant ${grantId}, storage key ${JSON.stringify(storageKey)}: ${error.message}`,
    );
    await store.log(event({ ...known, outcome: "MISSING_FILE" }));
    return notFoundAnswer();
  }

  const kind = classifyDownloadRequest(
    { method: request.method, range: request.headers.get("range"), ifRange: request.headers.get("if-range") },
    ifRangeValidators(file, target, options, now),
  );
  const free =
    kind === "no-body" ||
    (kind === "resume" &&
      resumeIsFree(grant.lastCountedAt, now, config.downloads.resumeGraceHours) &&
      // When the app streams, it knows what it sends: byte 0 never leaves uncounted.
      !appAnswerSendsByteZero(response));
  const allowed = request.method === "GET" && response.status < 300 ? event({ ...known, outcome: "ALLOWED" }) : null;
  // A counted download and its log row are written together (a crash between them would lose the row).
  if (!free && !(await store.consume(grantId, now, allowed ?? undefined))) {
    await response.body?.cancel();
    const current = await store.findGrant(grantId);
    const reason = (current && denialFor(current, new Date())) ?? "EXHAUSTED";
    await store.log(event({ ...known, outcome: reason }));
    return deniedAnswer(reason);
  }
  if (free && allowed) await store.log(allowed);
  return keepContentLength(response);
}
