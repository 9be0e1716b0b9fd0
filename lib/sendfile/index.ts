import "server-only";

export { attachmentDisposition } from "./attachment-disposition";
export { ConfinementError, MissingFileError } from "./errors";
export { answeringBackend, ifRangeValidators } from "./if-range-validators";
export { offloadHeaderValue } from "./offload-header";
export { resolveConfinedPath } from "./resolve-confined-path";
export { parseResumeRange, type ResumeRange } from "./resume-range";
export { sendProtectedFile } from "./send-protected-file";
export type { ConfinedFile, ProtectedFile, SendfileBackendName, SendfileOptions } from "./types";
