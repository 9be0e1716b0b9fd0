/** A generated SVG cover: a coloured field with the title and author. */
export function makeCoverSvg(title: string, author: string, hue: number): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const words = title.split(/\s+/);
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && (last + " " + word).length <= 16) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const titleLines = lines
    .map(
      (line, index) => `<text x="30" y="${150 + index * 40}" font-size="32" font-weight="700">${escape(line)}</text>`,
    )
    .join("");
  const openTag =
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600" viewBox="0 0 400 600" ' +
    'font-family="Georgia, serif" fill="#fff">';
  return `${openTag}
<rect width="400" height="600" fill="hsl(${hue} 45% 32%)"/>
<rect x="18" y="18" width="364" height="564" fill="none" stroke="hsl(${hue} 60% 80%)" stroke-width="2"/>
${titleLines}
<text x="30" y="540" font-size="20" fill="hsl(${hue} 70% 88%)">${escape(author)}</text>
</svg>`;
}
