/** The look of the book page's file pickers (the book's files, its cover and sample). */
export const FILE_INPUT_CLASS = [
  "block w-full text-sm",
  "file:mr-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-1.5",
  "file:text-sm file:font-semibold hover:file:bg-stone-100",
].join(" ");
