import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export interface PostgresCluster {
  /** A connection URL for `dbName` over TCP on 127.0.0.1 (superuser `postgres`, trust auth). */
  url(dbName: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown: clients are cut off) and keeps its data, as an outage would. */
  pause(): void;
  /** Starts a paused server again, on the same port with the same data. */
  resume(): void;
  /** Stops the server (fast shutdown) and removes its directory. Safe to call twice. */
  stop(): void;
}

/** The directory holding initdb, pg_ctl and psql: `pg_config --bindir`, else Debian's versioned folders. */
export function postgresBinDir(): string | undefined {
  const fromPgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const reported = fromPgConfig.status === 0 ? fromPgConfig.stdout.trim() : "";
  if (reported && existsSync(path.join(reported, "initdb"))) return reported;
  const debian = "/usr/lib/postgresql";
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian)
    .filter((name) => existsSync(path.join(debian, name, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(debian, versions[0], "bin");
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A throwaway PostgreSQL cluster for one test file: initdb into a temp dir, listening on 127.0.0.1 only
 * at a free port, unix sockets in the same dir, fsync off (nothing here needs to survive a crash) unless
 * `durable` asks for the server's own defaults, as the benchmark does to time what a commit really costs.
 * initdb and postgres refuse to run as root, so as root (here and in CI) they run as the `postgres`
 * system user that Debian's package creates.
 */
export async function startPostgres({ durable = false }: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed: run scripts/system-deps.sh");
  const dir = mkdtempSync(path.join(os.tmpdir(), "bindery-pg-"));
  const dataDir = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const owner = execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim();
    const group = execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim();
    chownSync(dir, Number(owner), Number(group));
  }
  const run = (tool: string, args: string[]) => {
    const [command, fullArgs] = asRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]]
      : [path.join(bin, tool), args];
    return execFileSync(command, fullArgs, { cwd: dir, encoding: "utf8", stdio: "pipe" });
  };

  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        run("pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w"]);
      } catch {
        // Already gone; the directory still goes.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    run("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync", "--locale=C"]);
    const port = await freePort();
    const options = [
      `-c listen_addresses=127.0.0.1`,
      `-c port=${port}`,
      `-c unix_socket_directories=${dir}`,
      ...(durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
    ].join(" ");
    const start = () =>
      run("pg_ctl", ["start", "-D", dataDir, "-w", "-t", "60", "-l", path.join(dir, "server.log"), "-o", options]);
    start();
    started = true;
    const pause = () => void run("pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w"]);

    const url = (dbName: string) => {
      if (!IDENTIFIER.test(dbName)) throw new Error(`not a plain database name: ${dbName}`);
      return `postgresql://postgres@127.0.0.1:${port}/${dbName}`;
    };
    const createDatabase = async (name: string) => {
      const target = url(name);
      const psql = ["-h", dir, "-p", String(port), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q"];
      run("psql", [...psql, "-c", `CREATE DATABASE "${name}"`]);
      return target;
    };
    return { url, createDatabase, pause, resume: () => void start(), stop };
  } catch (error) {
    stop();
    throw error;
  }
}
