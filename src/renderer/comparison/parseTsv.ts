/** One row pasted from a spreadsheet: a label and one value per term, in column order. */
export interface PastedRow {
  label: string;
  values: string[];
}

/** True when pasted text should be read as spreadsheet rows rather than typed into one cell. */
export function looksLikeTsv(text: string): boolean {
  return text.includes('\t') || /\r?\n/.test(text.replace(/(\r?\n)+$/, ''));
}

/**
 * Reads tab-separated rows (as a spreadsheet puts them on the clipboard): rows on newlines, cells on
 * tabs, the first cell the row label and then one value per term. A trailing empty line is skipped,
 * missing cells become empty and cells past the last term are dropped.
 */
export function parseTsv(text: string, termCount: number): PastedRow[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.map((line) => {
    const cells = line.split('\t').map((cell) => cell.trim());
    const values = Array.from({ length: termCount }, (_, i) => cells[i + 1] ?? '');
    return { label: cells[0] ?? '', values };
  });
}
