export interface SeedFile {
  displayName: string;
  kind: "pdf" | "epub";
  pages?: number;
  /** Extra bytes embedded in the PDF so the demo has one large download. */
  paddingBytes?: number;
}

export interface SeedBook {
  slug: string;
  title: string;
  author: string;
  description: string;
  priceCents: number;
  hue: number;
  published: boolean;
  downloadLimit?: number;
  accessDays?: number;
  files: SeedFile[];
}

/** The demo has one large download; tests shrink it with SEED_LARGE_FILE_MB. */
const LARGE_FILE_MB = Number(process.env.SEED_LARGE_FILE_MB ?? 60);

export const SEED_BOOKS: SeedBook[] = [
  {
    slug: "the-quiet-art-of-binding",
    title: "The Quiet Art of Binding",
    author: "Mara Ellison",
    description:
      "A bookbinder's year at the bench: folding, sewing, rounding and backing, told one signature at a time.",
    priceCents: 1200,
    hue: 18,
    published: true,
    files: [{ displayName: "The Quiet Art of Binding.pdf", kind: "pdf", pages: 12 }],
  },
  {
    slug: "omega-les-miserables",
    title: "Ωmega — Les Misérables 日本語",
    author: "Élodie Tanaka",
    description:
      "A trilingual reading of Hugo's novel, with notes in French and Japanese. Its file name is not ASCII, " +
      "on purpose.",
    priceCents: 1500,
    hue: 265,
    published: true,
    files: [{ displayName: "Ωmega — Les Misérables 日本語.pdf", kind: "pdf", pages: 8 }],
  },
  {
    slug: "field-notes-on-typography",
    title: "Field Notes on Typography",
    author: "Jonas Weber",
    description: "Short essays on type for the screen and the page. Comes as a PDF and as an EPUB for e-readers.",
    priceCents: 900,
    hue: 200,
    published: true,
    downloadLimit: 10,
    files: [
      { displayName: "Field Notes on Typography.pdf", kind: "pdf", pages: 10 },
      { displayName: "Field Notes on Typography.epub", kind: "epub" },
    ],
  },
  {
    slug: "atlas-of-small-harbors",
    title: "Atlas of Small Harbors",
    author: "Inês Duarte",
    description: "Sixty hand-drawn charts of harbours too small for the big maps. A large download (about 60 MB).",
    priceCents: 2400,
    hue: 170,
    published: true,
    accessDays: 365,
    files: [
      { displayName: "Atlas of Small Harbors.pdf", kind: "pdf", pages: 6, paddingBytes: LARGE_FILE_MB * 1024 * 1024 },
    ],
  },
  {
    slug: "a-practical-guide-to-self-publishing",
    title: "A Practical Guide to Self-Publishing",
    author: "Priya Raman",
    description: "From manuscript to storefront: editing, layout, ISBNs, pricing and selling from your own site.",
    priceCents: 1900,
    hue: 40,
    published: true,
    files: [{ displayName: "A Practical Guide to Self-Publishing.pdf", kind: "pdf", pages: 14 }],
  },
  {
    slug: "letters-from-the-lighthouse",
    title: "Letters from the Lighthouse",
    author: "Tomas Lind",
    description: "An epistolary novel: a keeper's letters to his sister over one long northern winter.",
    priceCents: 700,
    hue: 330,
    published: true,
    files: [{ displayName: "Letters from the Lighthouse.pdf", kind: "pdf", pages: 9 }],
  },
  {
    slug: "drafts-and-proofs",
    title: "Drafts and Proofs",
    author: "Mara Ellison",
    description: "Not published yet: customers get a 404 here; staff can preview it.",
    priceCents: 1100,
    hue: 90,
    published: false,
    files: [{ displayName: "Drafts and Proofs.pdf", kind: "pdf", pages: 4 }],
  },
];

export const SEED_ACCOUNTS = [
  { email: "admin@example.com", password: "bindery-admin-demo", role: "ADMIN", name: "Ada Admin" },
  { email: "staff@example.com", password: "bindery-staff-demo", role: "STAFF", name: "Sam Staff" },
  { email: "reader@example.com", password: "bindery-reader-demo", role: "CUSTOMER", name: "Rae Reader" },
] as const;

/** Books the demo reader already owns, so /library has something to try. */
export const READER_OWNS = ["the-quiet-art-of-binding", "field-notes-on-typography", "omega-les-miserables"];
