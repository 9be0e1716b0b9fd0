"use client";

import { ErrorNotice } from "@/app/components/error-notice";

/** A page that failed, inside the store's layout (header and footer still render). */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorNotice error={error} retry={retry} />;
}
