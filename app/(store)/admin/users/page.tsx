import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/lib/auth/guards";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { ROLES, searchUsers, userListQuerySchema } from "@/lib/admin/users";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { AdminNav } from "../admin-nav";
import { RoleForm } from "./role-form";
import { ScrollRegion } from "@/app/components/scroll-region";

export const metadata: Metadata = { title: "Users", robots: PRIVATE_PAGE_ROBOTS };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminUsersPage({ searchParams }: Props) {
  const admin = await requirePageRole(ADMIN_ROLES, "/admin/users");
  const query = userListQuerySchema.parse(await searchParams);
  const users = await searchUsers(query);
  const filtered = query.q !== "" || query.role !== "ALL";
  return (
    <>
      <AdminNav role={admin.role} current="/admin/users" />
      <h1 className="font-serif text-3xl font-bold">Users</h1>
      <form role="search" action="/admin/users" className="mt-6 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className="label">
            Email or name
          </label>
          <input id="q" name="q" type="search" defaultValue={query.q} className="field" />
        </div>
        <div>
          <label htmlFor="role" className="label">
            Role
          </label>
          <select id="role" name="role" defaultValue={query.role} className="field">
            <option value="ALL">All</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role.charAt(0) + role.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Search
        </button>
        {filtered && (
          <Link href="/admin/users" className="py-2 text-sm underline">
            Clear
          </Link>
        )}
      </form>
      <p className="mt-4 text-sm text-stone-700" aria-live="polite">
        {users.length} user{users.length === 1 ? "" : "s"}
      </p>
      <ScrollRegion label="Users" className="mt-2 rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="admin-users">
          <caption className="sr-only">Users{filtered ? " matching the search" : ""}</caption>
          <thead className="bg-stone-100 text-stone-800">
            <tr>
              <th scope="col" className="p-3">
                Email
              </th>
              <th scope="col" className="p-3">
                Name
              </th>
              <th scope="col" className="p-3">
                Orders
              </th>
              <th scope="col" className="p-3">
                Joined
              </th>
              <th scope="col" className="p-3">
                Role
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {users.map((row) => (
              <tr key={row.id} data-testid="admin-user">
                <td className="p-3">
                  {row.email}
                  {row.id === admin.id && <span className="ml-2 text-xs text-stone-600">(you)</span>}
                </td>
                <td className="p-3">{row.name}</td>
                <td className="p-3">{row.orders}</td>
                <td className="p-3">{row.createdAt.toISOString().slice(0, 10)}</td>
                <td className="p-3">
                  <RoleForm
                    key={row.role}
                    user={{ id: row.id, email: row.email, role: row.role }}
                    isSelf={row.id === admin.id}
                  />
                </td>
              </tr>
            ))}
            {users.length === 0 && (
              <tr>
                <td colSpan={5} className="p-6 text-center text-stone-700">
                  No users match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
