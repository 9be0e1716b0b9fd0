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
}
