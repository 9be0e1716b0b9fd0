export declare function toTimestamp(value: unknown): string;
export declare function converterFor(dataType: string): ((value: unknown) => unknown) | null;
