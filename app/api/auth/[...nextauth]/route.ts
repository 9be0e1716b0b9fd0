import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { readTextOr413 } from "@/lib/http/body-limit";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: NextRequest, context: Context) {
  return NextAuth(authOptions())(request, context);
}

/** next-auth reads the whole form itself: it gets a copy read here within the 1 MB body limit. */
async function post(request: NextRequest, context: Context) {
  const body = await readTextOr413(request);
  if (body instanceof Response) return body;
  return handler(new NextRequest(request, { body }), context);
}

export { handler as GET, post as POST };
