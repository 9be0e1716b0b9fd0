export declare class BackupError extends Error {}
export declare function utcStamp(date: Date): string;
export declare function resolveTarget(
  requested: string | undefined,
  options: { defaultDir: string; extension: string; now?: Date; cwd?: string },
): string;
export declare function temporaryPath(target: string): string;
export declare function publish(temporary: string, target: string): void;
export declare function discard(temporary: string): void;
export declare function formatSize(bytes: number): string;
