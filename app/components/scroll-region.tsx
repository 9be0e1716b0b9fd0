import type { ReactNode } from "react";

/**
 * A wide table's sideways scroller. Focusable and named, so a keyboard alone can scroll it (WCAG 2.1.1,
 * axe's scrollable-region-focusable) and a screen reader says what the focus landed on.
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto ${className ?? ""}`.trim()}>
      {children}
    </div>
  );
}
