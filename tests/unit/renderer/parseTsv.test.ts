import { describe, expect, it } from 'vitest';
import { looksLikeTsv, parseTsv } from '../../../src/renderer/comparison/parseTsv';

describe('parseTsv', () => {
  it('reads spreadsheet rows as a label and one value per term', () => {
    expect(parseTsv('Focus\tContent\tPeople\r\nReach\tWide\tNarrow\n', 2)).toEqual([
      { label: 'Focus', values: ['Content', 'People'] },
      { label: 'Reach', values: ['Wide', 'Narrow'] },
    ]);
  });

  it('fills missing cells with empty text and drops cells past the last term', () => {
    expect(parseTsv('Only label\nA\t1\t2\t3\t4', 3)).toEqual([
      { label: 'Only label', values: ['', '', ''] },
      { label: 'A', values: ['1', '2', '3'] },
    ]);
  });

  it('skips the trailing empty line a spreadsheet copy ends with', () => {
    expect(parseTsv('A\t1\t2\n\n', 2)).toHaveLength(1);
  });
});

describe('looksLikeTsv', () => {
  it('treats tabbed or multi-line text as rows and a plain phrase as ordinary text', () => {
    expect(looksLikeTsv('a\tb')).toBe(true);
    expect(looksLikeTsv('one\ntwo')).toBe(true);
    expect(looksLikeTsv('just words')).toBe(false);
    expect(looksLikeTsv('one line with a newline at the end\n')).toBe(false);
  });
});
