import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import { docToText, type RichDoc } from '../../shared/model/richText';

/** Names the text of a part can refer to: people by id, articles by id. */
export interface PartContext {
  people: ReadonlyArray<Pick<Person, 'id' | 'name'>>;
  articles: ReadonlyArray<{ id: string; title: string }>;
}

const isDoc = (x: unknown): x is RichDoc => x !== null && typeof x === 'object' && (x as { type?: unknown }).type === 'doc';

/**
 * One part of an article (an id from partMerge.articleParts) as the words a person compares
 * side by side; null when that side does not have the part (added or removed on the other).
 */
export function comparisonPartText(partId: string, c: Comparison, ctx: PartContext): string | null {
  const termName = (key: string) => c.terms.find((t) => t.key === key)?.name ?? key;
  const personName = (id: string | null) => (id === null ? '(none)' : (ctx.people.find((p) => p.id === id)?.name ?? `(unknown person ${id})`));
  const [kind, id] = splitPart(partId);
  switch (kind) {
    case 'title':
      return c.title;
    case 'slug':
      return c.slug;
    case 'terms':
      return c.terms.map((t) => t.name).join(' vs. ');
    case 'summary':
      return docToText(c.summary);
    case 'chart':
      return id === 'header' ? c.chart.headerLabel : null;
    case 'byline':
      return `Author: ${personName(c.byline.authorId)}\nEditor: ${personName(c.byline.editorId)}\nUpdated: ${c.byline.updated ?? '(not set)'}`;
    case 'related':
      return c.related.length === 0 ? '(none)' : c.related.map((r) => ctx.articles.find((a) => a.id === r)?.title ?? r).join('\n');
    case 'keyDifferences':
      return numbered(c.keyDifferences.map((k) => docToText(k.text)));
    case 'chartRows':
      return numbered(c.chart.rows.map((r) => r.label));
    case 'definitionsOrder':
      return numbered(c.definitions.map((d) => `${termName(d.term)}: ${docToText(d.text)}`));
    case 'faqsOrder':
      return numbered(c.faqs.map((f) => f.question));
    case 'keyDifference': {
      const item = c.keyDifferences.find((k) => k.id === id);
      return item ? docToText(item.text) : null;
    }
    case 'chartRow': {
      const row = c.chart.rows.find((r) => r.id === id);
      return row ? [row.label, ...c.terms.map((t) => `${t.name}: ${row.values[t.key] ?? ''}`)].join('\n') : null;
    }
    case 'definition': {
      const d = c.definitions.find((x) => x.id === id);
      return d ? [`${termName(d.term)}: ${docToText(d.text)}`, ...d.examples.map((e) => `> ${e.text}`)].join('\n') : null;
    }
    case 'faq': {
      const f = c.faqs.find((x) => x.id === id);
      return f ? `${f.question}\n\n${docToText(f.answer)}` : null;
    }
    default:
      return null;
  }
}

/** A person's part (name, credentials, bio) as text. */
export function personPartText(partId: string, p: Person): string | null {
  if (partId === 'name') return p.name;
  if (partId === 'credentials') return p.credentials;
  if (partId === 'bio') return isDoc(p.bio) ? docToText(p.bio) : null;
  return null;
}

/** `faq:<id>` → ['faq', id]; list orders (`faqs:order`) get their own kinds. */
function splitPart(partId: string): [string, string] {
  const at = partId.indexOf(':');
  const head = at === -1 ? partId : partId.slice(0, at);
  const tail = at === -1 ? '' : partId.slice(at + 1);
  if (tail === 'order') {
    const kinds: Record<string, string> = { keyDifferences: 'keyDifferences', chart: 'chartRows', definitions: 'definitionsOrder', faqs: 'faqsOrder' };
    return [kinds[head] ?? head, ''];
  }
  return [head, tail];
}

function numbered(items: string[]): string {
  return items.length === 0 ? '(empty)' : items.map((text, i) => `${i + 1}. ${text.split('\n')[0]}`).join('\n');
}
