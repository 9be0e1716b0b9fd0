export type SendfileBackendName = "node" | "nginx" | "apache" | "lighttpd" | "caddy";

export interface SendfileOptions {
  /** From configuration only, never from a request header. */
  backend: SendfileBackendName;
  /** Absolute path of PROTECTED_ROOT. */
  protectedRoot: string;
  /** URI prefix that maps to protectedRoot (nginx, caddy), e.g. "/_protected/". */
  internalPrefix: string;
}

export interface ProtectedFile {
  /** Relative path under protectedRoot, from the database. */
  storageKey: string;
  /** Name the customer sees, any Unicode. */
  displayName: string;
  /** e.g. "application/pdf". */
  contentType: string;
}

export interface ConfinedFile {
  /** Real path (symlinks resolved), inside the real protected root. */
  absolutePath: string;
  size: number;
  mtime: Date;
}

export interface OffloadTarget {
  absolutePath: string;
  storageKey: string;
  internalPrefix: string;
}

export interface OffloadBackend {
  headerName: "X-Accel-Redirect" | "X-Sendfile";
  status: 200 | 204;
  /** null: this server cannot take that name safely, the app streams the file instead. */
  headerValue(target: OffloadTarget): string | null;
  /**
   * The ETag this server sends for a file and compares an If-Range with, computed exactly as the
   * server does; null when the app cannot know it (no ETag, or one derived from what the app does not
   * see). Measured per server: docs/downloads.md.
   */
  etagFor(file: FileStats): string | null;
}

export interface FileStats {
  size: number;
  mtime: Date;
}
