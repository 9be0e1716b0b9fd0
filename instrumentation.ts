/** Runs once when the server boots, before any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertBootConfig } = await import("./lib/config/boot");
  assertBootConfig();
}
