/** Plain columns padded with spaces (the last column unpadded), one row per line. */
export function formatTable(header: string[], rows: string[][]): string {
  const width = (text: string) => [...text].length;
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => width(row[col] ?? ''))));
  return all
    .map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell + ' '.repeat((widths[col] ?? 0) - width(cell)))).join('  '))
    .join('\n')
    .concat('\n');
}
