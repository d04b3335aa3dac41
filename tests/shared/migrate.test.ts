import { describe, expect, it } from 'vitest';
import { COMPARISON_FORMAT } from '../../src/shared/model/comparison';
import { FormatError, migrate } from '../../src/shared/model/migrate';

describe('format migration', () => {
  it('passes a current-format record through unchanged', () => {
    const raw = { format: COMPARISON_FORMAT, id: 'x' };
    expect(migrate('comparison', raw)).toEqual(raw);
  });

  it('refuses a record from a newer Versus Desk instead of guessing', () => {
    expect(() => migrate('comparison', { format: COMPARISON_FORMAT + 1 })).toThrow(FormatError);
    expect(() => migrate('workspace', { format: 9 })).toThrow(/format 9 by a newer Versus Desk/);
  });

  it('leaves non-records for the schema to reject', () => {
    expect(migrate('person', 'text')).toBe('text');
    expect(migrate('person', [1])).toEqual([1]);
  });
});
