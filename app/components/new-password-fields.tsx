import { PASSWORD_HINT, PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";

/** The new password and its confirmation, as every form that sets a password asks for them. */
export function NewPasswordFields({
  idPrefix,
  fieldError,
}: {
  idPrefix: string;
  fieldError: (name: string) => string | undefined;
}) {
  const passwordError = fieldError("password");
  const confirmError = fieldError("passwordConfirm");
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-password`} className="label">
          New password
        </label>
        <input
          id={`${idPrefix}-password`}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          className="field"
          aria-invalid={Boolean(passwordError)}
          aria-describedby={`${idPrefix}-password-help`}
        />
        <p
          id={`${idPrefix}-password-help`}
          className={`mt-1 text-sm ${passwordError ? "text-red-800" : "text-stone-600"}`}
        >
          {passwordError ?? PASSWORD_HINT}
        </p>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-confirm`} className="label">
          New password, again
        </label>
        <input
          id={`${idPrefix}-confirm`}
          name="passwordConfirm"
          type="password"
          autoComplete="new-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          className="field"
          aria-invalid={Boolean(confirmError)}
          aria-describedby={confirmError ? `${idPrefix}-confirm-error` : undefined}
        />
        {confirmError && (
          <p id={`${idPrefix}-confirm-error`} className="mt-1 text-sm text-red-800">
            {confirmError}
          </p>
        )}
      </div>
    </>
  );
}
