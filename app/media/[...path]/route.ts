import { serveMediaFile } from "@/lib/storage/media";

/** Public uploads (covers, samples). Behind nginx/Apache/lighttpd/Caddy the server answers /media/ itself. */
export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return serveMediaFile(request, (await params).path);
}

export const HEAD = GET;
