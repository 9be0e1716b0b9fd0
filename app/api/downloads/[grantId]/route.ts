import { serveDownload } from "@/lib/downloads/serve-download";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ grantId: string }> };

export async function GET(request: Request, { params }: Context) {
  return serveDownload(request, (await params).grantId);
}

export async function HEAD(request: Request, { params }: Context) {
  return serveDownload(request, (await params).grantId);
}
