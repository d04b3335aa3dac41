import { describe, expect, it } from 'vitest';
import { insertItem, moveItem } from '../../../src/renderer/list/moveItem';
import { mergeSaved } from '../../../src/renderer/save/mergeSaved';

const items = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
const ids = (list: Array<{ id: string }>) => list.map((x) => x.id).join('');

describe('moveItem', () => {
  it('moves an item to the given place, shifting the ones between', () => {
    expect(ids(moveItem(items, 'a', 2))).toBe('bcad');
    expect(ids(moveItem(items, 'd', 0))).toBe('dabc');
  });

  it('clamps a move past either end and leaves an unknown id alone', () => {
    expect(ids(moveItem(items, 'b', 99))).toBe('acdb');
    expect(moveItem(items, 'zz', 1)).toBe(items);
  });

  it('puts a removed item back at its old index on undo', () => {
    const without = items.filter((x) => x.id !== 'c');
    expect(ids(insertItem(without, 2, { id: 'c' }))).toBe('abcd');
  });
});

describe('mergeSaved', () => {
  it('keeps fields edited during the save and takes the stored value of the rest', () => {
    const sent = { revision: 3, title: 'T', slug: 'x', summary: 'old' };
    const local = { ...sent, summary: 'typed during the save' };
    const saved = { revision: 4, title: 'T', slug: 'x-2', summary: 'old' };
    expect(mergeSaved(local, sent, saved)).toEqual({ revision: 4, title: 'T', slug: 'x-2', summary: 'typed during the save' });
  });

  it('takes the stored copy whole when nothing changed meanwhile', () => {
    const sent = { revision: 1 };
    const saved = { revision: 2 };
    expect(mergeSaved(sent, sent, saved)).toBe(saved);
  });
});
