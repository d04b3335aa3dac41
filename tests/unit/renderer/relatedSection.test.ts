// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ComparisonSummary } from '../../../src/shared/api/contract';
import { RELATED_CHOICES_MAX, RelatedSection } from '../../../src/renderer/comparison/RelatedSection';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(async () => {
  await act(async () => root?.unmount());
  document.body.innerHTML = '';
});

const id = (n: number) => `01J${String(n).padStart(23, '0')}`;
const summary = (n: number, title: string): ComparisonSummary => ({
  id: id(n),
  slug: `s-${n}`,
  title,
  terms: ['A', 'B'],
  status: 'draft',
  updatedAt: '2025-01-01T00:00:00.000Z',
  revision: 1,
});

async function render(summaries: ComparisonSummary[]) {
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const dispatch = vi.fn();
  await act(async () => root!.render(createElement(RelatedSection, { selfId: id(0), related: [], summaries, dispatch })));
  return { host, dispatch };
}

describe('the related-comparisons picker', () => {
  it('offers at most a hundred choices in a workspace of 10,000, and a search that narrows them', async () => {
    const many = Array.from({ length: 10_000 }, (_, n) => summary(n, n === 7_777 ? 'Tea vs. Coffee' : `Article ${n}`));
    const { host, dispatch } = await render(many);
    const select = host.querySelector('select')!;
    expect(select.options).toHaveLength(RELATED_CHOICES_MAX + 1);
    expect(select.options[0]!.textContent).toContain('9899 more: narrow the search');
    const search = host.querySelector<HTMLInputElement>('input[type="search"]')!;
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(search, 'coffee');
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await vi.waitFor(() => expect([...select.options].map((o) => o.textContent)).toEqual(['Choose a comparison…', 'Tea vs. Coffee']));
    await act(async () => {
      select.value = id(7_777);
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(dispatch).toHaveBeenCalledWith({ type: 'addRelated', id: id(7_777) });
  });

  it('shows no search in a small workspace', async () => {
    const { host } = await render([summary(1, 'One'), summary(2, 'Two')]);
    expect(host.querySelector('input[type="search"]')).toBeNull();
    expect(host.querySelector('select')!.options).toHaveLength(3);
  });
});
