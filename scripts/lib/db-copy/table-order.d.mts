export declare function tablesInForeignKeyOrder(tables: string[], references: Map<string, Set<string>>): string[];
