import type { BenchReport } from "./report";

/** The name the 200-connection row starts with (bench/run.ts measures it, the targets find it). */
export const BURST_ROW = "Bindery + nginx (signed link), 200 connections";
/** A buyer's stamped copy of a 10 KB PDF, downloaded like the original (bench/run.ts). */
export const STAMPED_ROW = "Bindery + nginx (stamped copy, signed link)";

/** The targets, checked against this run: one line each, "met" or "missed" with the figure. */
export function targetLines(report: BenchReport): string[] {
  const row = (prefix: string, file: string) => report.rows.find((r) => r.name.startsWith(prefix) && r.file === file);
  const large =
    report.rows.find((r) => r.name.startsWith("Limit") && r.file.endsWith("MB") && r.file !== "1MB")?.file ?? "";
  const limit = row("Limit", large)?.mbPerSec ?? 0;
  const verdict = (ok: boolean) => (ok ? "met" : "missed");
  /** "(target ≥ 0.9): met" */
  const target = (rule: string, ok: boolean) => `(target ${rule}): ${verdict(ok)}`;
  const lines: string[] = [];
  for (const server of ["nginx (signed link)", "Apache", "lighttpd", "Caddy"]) {
    const r = row(`Bindery + ${server}`, large);
    if (!r) continue;
    const ratio = r.mbPerSec / limit;
    const cpuMs = r.appCpuMsPerRequest ?? 0;
    lines.push(
      `${large} through ${server}: ${ratio.toFixed(2)} × the limit ${target("≥ 0.9", ratio >= 0.9)}; ` +
        `app CPU ${cpuMs.toFixed(1)} ms per download ${target("< 50", cpuMs < 50)}`,
    );
  }
  const ours = row("Bindery + nginx (signed link)", "10KB");
  const peer = row("Peer:", "10KB");
  const tunedPeer = row("Peer, tuned", "10KB");
  if (ours && peer) {
    const perSec = (r: { requestsPerSec: number }) => r.requestsPerSec.toFixed(0);
    lines.push(
      `10KB through nginx: ${perSec(ours)} req/s vs the Django peer's ${perSec(peer)} ` +
        target("≥ peer", ours.requestsPerSec >= peer.requestsPerSec),
    );
    if (tunedPeer)
      lines.push(
        `10KB through nginx: ${perSec(ours)} req/s vs the tuned Django peer's ${perSec(tunedPeer)} ` +
          "(no target; docs/benchmarks.md says what passing it would take): " +
          verdict(ours.requestsPerSec >= tunedPeer.requestsPerSec),
      );
    lines.push(
      `10KB through nginx: p99 ${ours.p99Ms.toFixed(1)} ms at ${report.settings.connections} connections ` +
        target("< 50 ms", ours.p99Ms < 50),
    );
  }
  const onPostgres = row("Bindery + nginx on PostgreSQL (signed link)", "10KB");
  if (ours && onPostgres)
    lines.push(
      `10KB through nginx on PostgreSQL: ${onPostgres.requestsPerSec.toFixed(0)} req/s, ` +
        `${(onPostgres.requestsPerSec / ours.requestsPerSec).toFixed(2)} × SQLite's (no target: for scale)`,
    );
  const stamped = row(STAMPED_ROW, "10KB");
  if (ours && stamped) {
    const ratio = stamped.requestsPerSec / ours.requestsPerSec;
    lines.push(
      `10KB stamped copy through nginx: ${stamped.requestsPerSec.toFixed(0)} req/s, ` +
        `${ratio.toFixed(2)} × the original's ` +
        target("≥ 0.9: the download path unchanged", ratio >= 0.9),
    );
  }
  if (report.stamping) {
    const { pdf300Ms, epub5MbMs } = report.stamping;
    lines.push(
      `Stamping a buyer's copy: 300-page PDF ${pdf300Ms.toFixed(0)} ms, 5 MB EPUB ${epub5MbMs.toFixed(0)} ms ` +
        "(no target; made once per buyer, in the background)",
    );
  }
  const floor = report.rows.find((r) => r.name.startsWith("App floor"));
  const ofFloor = (reqPerSec: number) => reqPerSec / (floor?.requestsPerSec ?? 1);
  const session = row("Bindery + nginx (session cookie)", "10KB");
  if (floor && ours && session) {
    const [signedRatio, sessionRatio] = [ofFloor(ours.requestsPerSec), ofFloor(session.requestsPerSec)];
    lines.push(
      `10KB signed link through nginx: ${signedRatio.toFixed(2)} × the framework floor ` +
        target("≥ 0.8", signedRatio >= 0.8),
      `10KB session cookie through nginx: ${sessionRatio.toFixed(2)} × the framework floor ` +
        target("≥ 0.7", sessionRatio >= 0.7),
    );
  }
  const burst = report.rows.find((r) => r.name.startsWith(BURST_ROW));
  if (burst && report.burstRss) {
    const growth = report.burstRss.afterMB - report.burstRss.beforeMB;
    const ok = burst.errors === 0 && burst.p99Ms < 1000 && growth < 32;
    lines.push(
      `${burst.name}: ${burst.errors} errors, p99 ${burst.p99Ms.toFixed(0)} ms, ` +
        `app RSS ${growth >= 0 ? "+" : ""}${growth.toFixed(0)} MB ` +
        `(${signed(report.burstRss.afterMB - report.burstRss.loadedMB)} MB after the first 10 s) ` +
        `(targets: 0 errors, p99 < 1000 ms, memory flat, < 32 MB): ${verdict(ok)}`,
    );
  }
  for (const page of floor ? report.pages : []) {
    const ratio = ofFloor(page.requestsPerSec);
    lines.push(
      `${page.name}: ${page.requestsPerSec.toFixed(0)} req/s, ${ratio.toFixed(2)} × the framework floor ` +
        (page.cached ? target("≥ 0.8", ratio >= 0.8) : "(no target: rendered per request)"),
    );
  }
  for (const page of report.pages.filter((p) => p.lighthouseTarget && p.lighthouse)) {
    const { performance, accessibility } = page.lighthouse ?? { performance: 0, accessibility: 0 };
    lines.push(
      `${page.name}: Lighthouse performance ${performance} ${target("≥ 95", performance >= 95)}; ` +
        `accessibility ${accessibility} ${target("100", accessibility === 100)}`,
    );
  }
  const node = row("Bindery alone", large);
  if (node)
    lines.push(
      `${large} from the app itself: ${(node.mbPerSec / limit).toFixed(2)} × the limit ` +
        target("≥ 0.3", node.mbPerSec / limit >= 0.3),
    );
  const concurrent = report.concurrent.find((c) => c.name.startsWith("node"));
  if (concurrent) {
    const growth = concurrent.rssPeakMB - concurrent.rssBeforeMB;
    const megabytes = Math.round(concurrent.bytesEach / 1048576);
    lines.push(
      `${concurrent.downloads} concurrent ${megabytes} MB downloads from the app: RSS +${growth.toFixed(0)} MB ` +
        target("< 32", growth < 32),
    );
  }
  return lines;
}

const signed = (mb: number) => `${mb >= 0 ? "+" : ""}${mb.toFixed(0)}`;
