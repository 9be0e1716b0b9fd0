import type { Stamp } from "./model";
import { licenceDate } from "./text";

/** The notice page's wording, shared by PDF and EPUB: a heading and paragraphs. */
export function noticeWording(stamp: Stamp): { heading: string; paragraphs: string[] } {
  const buyer =
    stamp.email && stamp.email !== stamp.licensedTo ? `${stamp.licensedTo} (${stamp.email})` : stamp.licensedTo;
  return {
    heading: "Licensed copy",
    paragraphs: [
      `This copy is licensed to ${buyer} for personal use.`,
      `Order ${stamp.orderId}, ${licenceDate(stamp)}, from ${stamp.shopName}.`,
      "Please do not share it or make it available to others.",
    ],
  };
}
