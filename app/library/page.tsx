import type { Metadata } from "next";
import { requireSignedIn } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "My library" };

export default async function LibraryPage() {
  await requireSignedIn("/library");
  return (
    <section>
      <h1 className="font-serif text-4xl font-bold">My library</h1>
    </section>
  );
}
