/** The storage key escapes the protected root (absolute, "..", NUL, empty segment, symlink out). */
export class ConfinementError extends Error {
  override name = "ConfinementError";
}

/** The file is not there. */
export class MissingFileError extends Error {
  override name = "MissingFileError";
}
