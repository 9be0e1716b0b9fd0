export declare function findPgDump(): string;
export declare function pgDumpConnection(databaseUrl: string): {
  dbname: string;
  env: Record<string, string>;
  schemaArgs: string[];
};
export declare function firstErrorLine(stderr: string): string;
export declare function backupPostgres(
  databaseUrl: string,
  temporary: string,
  onChild?: (child: import("node:child_process").ChildProcess) => void,
): Promise<void>;
