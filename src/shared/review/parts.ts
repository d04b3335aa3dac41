import { canonicalContent } from '../export/canonicalContent';
import type { Comparison } from '../model/comparison';
import type { Person } from '../model/person';
import { docToText } from '../model/richText';
import { hashValue } from '../util/hash';

/** The sections of an article, in page order; a section groups parts for review at once. */
export const SECTIONS = ['header', 'summary', 'keyDifferences', 'chart', 'definitions', 'faqs', 'byline'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_LABELS: Record<Section | 'bio', string> = {
  header: 'Header',
  summary: 'Summary',
  keyDifferences: 'Key differences',
  chart: 'Comparison chart',
  definitions: 'Definitions',
  faqs: 'FAQs',
  byline: 'Byline',
  bio: 'Bio',
};

export interface Part {
  key: string;
  section: Section | 'bio';
  /** A short human label: "Key difference 2", "Chart row “Purpose”", "FAQ “Is … ?”". */
  label: string;
  /** What the part's hash covers: its content, never its position or id. */
  content: unknown;
  /** The immutable record object the content comes from, for caching its hash (renderer). */
  source?: object;
}

const short = (text: string, max = 40) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** Every reviewable part of an article, in page order. Moving a list item changes no part's content. */
export function partsOf(c: Comparison): Part[] {
  const termName = (key: string) => c.terms.find((t) => t.key === key)?.name ?? key;
  return [
    {
      key: 'header',
      section: 'header',
      label: 'Header (terms, title, slug)',
      content: { terms: c.terms, title: c.title, slug: c.slug, chartHeader: c.chart.headerLabel },
    },
    { key: 'summary', section: 'summary', label: 'Summary', content: c.summary, source: c.summary },
    ...c.keyDifferences.map((k, i) => ({
      key: `kd:${k.id}`,
      section: 'keyDifferences' as const,
      label: `Key difference ${i + 1}`,
      content: k.text,
      source: k,
    })),
    ...c.chart.rows.map((r, i) => ({
      key: `chart:${r.id}`,
      section: 'chart' as const,
      label: r.label.trim() ? `Chart row “${short(r.label)}”` : `Chart row ${i + 1}`,
      content: { label: r.label, values: r.values },
      source: r,
    })),
    ...c.definitions.map((d, i) => ({
      key: `def:${d.id}`,
      section: 'definitions' as const,
      label: `Definition ${i + 1} (${termName(d.term)})`,
      content: { term: d.term, text: d.text, examples: d.examples.map((e) => e.text) },
      source: d,
    })),
    ...c.faqs.map((f, i) => ({
      key: `faq:${f.id}`,
      section: 'faqs' as const,
      label: f.question.trim() ? `FAQ “${short(f.question)}”` : `FAQ ${i + 1}`,
      content: { question: f.question, answer: f.answer },
      source: f,
    })),
    { key: 'byline', section: 'byline', label: 'Byline', content: c.byline },
  ];
}

/** A person's one reviewable part: the bio, with the name and credentials it is published under. */
export function personParts(p: Pick<Person, 'name' | 'credentials' | 'bio'>): Part[] {
  return [{ key: 'bio', section: 'bio', label: `Bio of ${p.name}`, content: { name: p.name, credentials: p.credentials, bio: p.bio } }];
}

export function partHash(part: Pick<Part, 'content'>): string {
  return hashValue(part.content);
}

/** The hash a sign-off vouches for: everything a reader sees (not revision, dates or review). */
export function articleContentHash(c: Comparison): string {
  return hashValue(canonicalContent(c));
}

export function personContentHashOf(p: Pick<Person, 'name' | 'credentials' | 'bio'>): string {
  return hashValue({ name: p.name, credentials: p.credentials, bio: p.bio });
}

/** Plain text of a part's rich-text field, for comment anchors (offsets index into this). */
export function anchorFieldText(c: Comparison, partKey: string, field: 'text' | 'summary' | 'answer'): string | null {
  if (partKey === 'summary' && field === 'summary') return docToText(c.summary);
  const [kind, id] = partKey.split(':');
  if (kind === 'kd' && field === 'text') {
    const k = c.keyDifferences.find((x) => x.id === id);
    return k ? docToText(k.text) : null;
  }
  if (kind === 'def' && field === 'text') {
    const d = c.definitions.find((x) => x.id === id);
    return d ? docToText(d.text) : null;
  }
  if (kind === 'faq' && field === 'answer') {
    const f = c.faqs.find((x) => x.id === id);
    return f ? docToText(f.answer) : null;
  }
  return null;
}
