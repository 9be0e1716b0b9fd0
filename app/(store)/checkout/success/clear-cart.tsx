"use client";

import { useEffect } from "react";
import { clearCartAction } from "@/app/(store)/cart/actions";

/** The books are bought: empty the cart (a server action, since the cart cookie is httpOnly). */
export function ClearCart() {
  useEffect(() => {
    void clearCartAction();
  }, []);
  return null;
}
