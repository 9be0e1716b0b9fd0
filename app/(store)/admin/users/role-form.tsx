"use client";

import type { Role } from "@prisma/client";
import { useActionState, useState } from "react";
import { ActionMessage } from "../books/action-message";
import { ConfirmSubmit } from "../books/confirm-submit";
import { changeRoleAction } from "./actions";

const RANK: Record<Role, number> = { CUSTOMER: 0, STAFF: 1, ADMIN: 2 };
const LABEL: Record<Role, string> = { CUSTOMER: "Customer", STAFF: "Staff", ADMIN: "Admin" };

interface Props {
  user: { id: string; email: string; role: Role };
  isSelf: boolean;
}

/** The role picker of one user; taking rights away (or changing your own role) asks first. */
export function RoleForm({ user, isSelf }: Props) {
  const [state, action, pending] = useActionState(changeRoleAction, {});
  const [role, setRole] = useState<Role>(user.role);
  const selectId = `role-${user.id}`;
  const risky = isSelf || RANK[role] < RANK[user.role];
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={user.id} />
      <label htmlFor={selectId} className="sr-only">
        Role of {user.email}
      </label>
      <select
        id={selectId}
        name="role"
        value={role}
        onChange={(event) => setRole(event.currentTarget.value as Role)}
        className="field w-auto py-1 text-sm"
      >
        {(Object.keys(LABEL) as Role[]).map((option) => (
          <option key={option} value={option}>
            {LABEL[option]}
          </option>
        ))}
      </select>
      {risky && role !== user.role ? (
        <ConfirmSubmit
          title={`Make ${user.email} ${LABEL[role].toLowerCase()}?`}
          message={
            <p>
              {isSelf
                ? "This is your own account: you may lose access to this page."
                : `They lose what a ${LABEL[user.role].toLowerCase()} may do, from their next click.`}
            </p>
          }
          confirmLabel={`Make ${LABEL[role].toLowerCase()}`}
          disabled={pending}
        >
          Change<span className="sr-only"> role of {user.email}</span>
        </ConfirmSubmit>
      ) : (
        <button type="submit" className="btn-secondary" disabled={pending || role === user.role}>
          Change<span className="sr-only"> role of {user.email}</span>
        </button>
      )}
      <ActionMessage state={state} className="basis-full" />
    </form>
  );
}
