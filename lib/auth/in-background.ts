/**
 * Runs account-mail work after the answer is sent. The forms that must not reveal whether an address
 * has an account (sign-up, forgot-password) would otherwise answer measurably later when there is a
 * token to write and a mail to send. Failures are logged; the request has already been answered.
 */
export function inBackground(label: string, work: () => Promise<void>): void {
  void Promise.resolve()
    .then(work)
    .catch((error: unknown) =>
      console.error(`[accounts] ${label} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
}
