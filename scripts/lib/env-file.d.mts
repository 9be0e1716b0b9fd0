export declare function loadDotEnv(root: string): void;
export declare function absolutizePaths(root: string): void;
