export declare const STATIC_SECURITY_HEADERS: { key: string; value: string }[];
export declare const NON_PAGE_CSP: string;
export declare function pagePolicy(nonce: string, options?: { dev?: boolean }): string;
export declare const MEDIA_CSP: string;
export declare function cachedPagePolicy(options?: { dev?: boolean }): string;
