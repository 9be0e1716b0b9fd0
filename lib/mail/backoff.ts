const MAX_DELAY_SECONDS = 3600;

/**
 * How long the outbox waits before trying a mail again after its `attempts`-th try failed:
 * base · 2^(attempts − 1), capped at an hour, so a mail server that is down for a day is asked
 * about once an hour instead of being hammered.
 */
export function retryDelaySeconds(attempts: number, baseSeconds: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(baseSeconds * 2 ** exponent, MAX_DELAY_SECONDS);
}
