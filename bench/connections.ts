import { execFileSync } from "node:child_process";

/**
 * TCP connections to a local port in any state (established and TIME-WAIT): the difference across a
 * run is how many connections the proxy opened to the app (TIME-WAIT lasts 60 s, longer than a row).
 */
export function connectionsTo(port: number): number {
  const out = execFileSync("ss", ["-Htan", `( dport = :${port} )`], { encoding: "utf8" });
  return out.split("\n").filter((line) => line.trim()).length;
}
