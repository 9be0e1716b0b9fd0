import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guards";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { listUsersForAdmin } from "@/lib/admin/overview";
import { AdminNav } from "../admin-nav";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const user = await requirePageRole(ADMIN_ROLES, "/admin/users");
  const users = await listUsersForAdmin();
  return (
    <>
      <AdminNav role={user.role} current="/admin/users" />
      <h1 className="font-serif text-3xl font-bold">Users</h1>
      <div className="mt-6 overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-stone-100"><tr><th scope="col" className="p-3">Email</th><th scope="col" className="p-3">Name</th><th scope="col" className="p-3">Role</th><th scope="col" className="p-3">Joined</th></tr></thead>
          <tbody className="divide-y divide-stone-200">
            {users.map((row) => (
              <tr key={row.id}><td className="p-3">{row.email}</td><td className="p-3">{row.name}</td><td className="p-3">{row.role}</td><td className="p-3">{row.createdAt.toISOString().slice(0, 10)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
