import { ConfigError, parseConfig } from "./load";

/** Validates the environment at boot; an invalid one stops the process with one line per problem. */
export function assertBootConfig(): void {
  try {
    parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error("Bindery cannot start: invalid configuration");
    for (const problem of error.problems) console.error(`  ${problem}`);
    process.exit(1);
  }
}
