/**
 * Request bodies outside the admin upload routes are small (a Stripe event, a sign-in form): about
 * 1 MB is the most any of them needs. The web servers in deploy/ refuse more before it reaches the
 * app; this is the same rule in the app, for `npm start` without a proxy or a proxy left as it was.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** 413, closing the connection: the rest of the body is unread and must not be taken for a request. */
export function bodyTooLargeAnswer(limit = MAX_BODY_BYTES): Response {
  return Response.json(
    { error: `Request body too large (at most ${Math.floor(limit / 1024)} KB)` },
    { status: 413, headers: { Connection: "close", "Cache-Control": "no-store" } },
  );
}

/** True when the client announced more than `limit` bytes: refuse before reading any of it. */
export function announcesTooMuch(request: Request, limit = MAX_BODY_BYTES): boolean {
  const value = request.headers.get("content-length");
  return value !== null && (!/^\d+$/.test(value.trim()) || Number(value) > limit);
}

/**
 * The request's body, passed through while it stays within `limit` bytes; past that the stream
 * errors with BodyTooLargeError and the client's upload is cancelled. A chunked body has no length to
 * check up front, so the count is the only guard.
 */
export function cappedBody(body: ReadableStream<Uint8Array>, limit = MAX_BODY_BYTES): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new BodyTooLargeError(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/** The body as text, or BodyTooLargeError as soon as it is announced or read past `limit`. */
export async function readTextWithin(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  if (announcesTooMuch(request, limit)) throw new BodyTooLargeError(limit);
  if (!request.body) return "";
  return new Response(cappedBody(request.body, limit)).text();
}

/** The body as text, or the 413 answer to return instead: for route handlers that read a small body. */
export async function readTextOr413(request: Request, limit = MAX_BODY_BYTES): Promise<string | Response> {
  try {
    return await readTextWithin(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return bodyTooLargeAnswer(limit);
    throw error;
  }
}
