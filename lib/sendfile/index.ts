import "server-only";

export { attachmentDisposition } from "./attachment-disposition";
export { ConfinementError, MissingFileError } from "./errors";
export { isRangeFromStart } from "./is-range-from-start";
export { offloadHeaderValue } from "./offload-header";
export { resolveConfinedPath } from "./resolve-confined-path";
export { sendProtectedFile } from "./send-protected-file";
export type { ConfinedFile, ProtectedFile, SendfileBackendName, SendfileOptions } from "./types";
