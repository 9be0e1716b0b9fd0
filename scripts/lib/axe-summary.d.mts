export interface AxeCheckCounts {
  page: string;
  critical: number;
  serious: number;
  moderate: number;
  minor: number;
  rules: string[];
}
export declare function axeChecksIn(annotations: Array<{ type: string; description?: string }>): AxeCheckCounts[];
export declare function axeTotalLine(checks: AxeCheckCounts[]): string;
export declare function axePageLines(checks: AxeCheckCounts[]): string[];
