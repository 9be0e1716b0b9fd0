import { getConfig } from "@/lib/config";
import { openSelftestCanary } from "@/lib/downloads/selftest";
import { httpStatusOf } from "@/lib/errors";
import { keepContentLength } from "@/lib/http/content-length";
import { sendProtectedFile, type ProtectedFile } from "@/lib/sendfile";

export const dynamic = "force-dynamic";

const ERROR_BODIES: Record<number, string> = {
  404: "Not found.\n",
  410: "This self-test link has expired: run npm run deploy:check again.\n",
};

/**
 * GET/HEAD /api/downloads/selftest?expires=…&sig=…: the canary file, sent exactly like a sold file,
 * for `npm run deploy:check`. The link is signed with AUTH_SECRET for the subject "selftest".
 */
export async function GET(request: Request): Promise<Response> {
  const config = getConfig();
  let file: ProtectedFile;
  try {
    file = await openSelftestCanary(new URL(request.url).searchParams, config);
  } catch (error) {
    const status = httpStatusOf(error);
    const body = ERROR_BODIES[status];
    if (body === undefined) throw error;
    return new Response(body, {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const response = await sendProtectedFile(request, file, {
    backend: config.sendfileBackend,
    protectedRoot: config.protectedRoot,
    internalPrefix: config.sendfileUrl,
  });
  return keepContentLength(response);
}

export const HEAD = GET;
