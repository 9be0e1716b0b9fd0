import Link from "next/link";
import type { Role } from "@prisma/client";

export function AdminNav({ role, current }: { role: Role; current: string }) {
  const links = [
    { href: "/admin", label: "Dashboard", admin: false },
    { href: "/admin/orders", label: "Orders", admin: false },
    { href: "/admin/books", label: "Books", admin: true },
    { href: "/admin/categories", label: "Shelves", admin: true },
    { href: "/admin/users", label: "Users", admin: true },
  ].filter((link) => !link.admin || role === "ADMIN");
  return (
    <nav aria-label="Admin" className="mb-8 flex gap-2 border-b border-stone-200 pb-3">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={current === link.href ? "page" : undefined}
          className={[
            "rounded-md px-3 py-1.5 text-sm font-medium",
            current === link.href ? "bg-stone-900 text-white" : "hover:bg-stone-200",
          ].join(" ")}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
