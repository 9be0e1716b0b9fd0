export declare function sqliteNativeProblem(error: unknown): string | null;
export declare function assertSqliteNative(from: string, prefix?: string): void;
