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

/** A part without its label: all its hash and state need. */
export type PartContent = Omit<Part, 'label'>;

/**
 * Every reviewable part's key and content, in page order (partsOf adds the labels, which cost
 * more than the rest when only states are wanted: the list's summaries on opening a workspace).
 * Contents are written with their keys in order, so hashing them sorts nothing.
 */
export function partContentsOf(c: Comparison): PartContent[] {
  const out: PartContent[] = [{ key: 'header', section: 'header', content: { chartHeader: c.chart.headerLabel, slug: c.slug, terms: c.terms, title: c.title } }];
  out.push({ key: 'summary', section: 'summary', content: c.summary, source: c.summary });
  for (const k of c.keyDifferences) out.push({ key: `kd:${k.id}`, section: 'keyDifferences', content: k.text, source: k });
  for (const r of c.chart.rows) out.push({ key: `chart:${r.id}`, section: 'chart', content: { label: r.label, values: r.values }, source: r });
  for (const d of c.definitions) {
    out.push({ key: `def:${d.id}`, section: 'definitions', content: { examples: d.examples.map((e) => e.text), term: d.term, text: d.text }, source: d });
  }
  for (const f of c.faqs) out.push({ key: `faq:${f.id}`, section: 'faqs', content: { answer: f.answer, question: f.question }, source: f });
  out.push({ key: 'byline', section: 'byline', content: c.byline });
  return out;
}

/** Every reviewable part of an article, in page order. Moving a list item changes no part's content. */
export function partsOf(c: Comparison): Part[] {
  const termName = (key: string) => c.terms.find((t) => t.key === key)?.name ?? key;
  const labels = [
    'Header (terms, title, slug)',
    'Summary',
    ...c.keyDifferences.map((_, i) => `Key difference ${i + 1}`),
    ...c.chart.rows.map((r, i) => (r.label.trim() ? `Chart row “${short(r.label)}”` : `Chart row ${i + 1}`)),
    ...c.definitions.map((d, i) => `Definition ${i + 1} (${termName(d.term)})`),
    ...c.faqs.map((f, i) => (f.question.trim() ? `FAQ “${short(f.question)}”` : `FAQ ${i + 1}`)),
    'Byline',
  ];
  return partContentsOf(c).map((p, i) => {
    const part: Part = { key: p.key, section: p.section, label: labels[i] as string, content: p.content };
    if (p.source) part.source = p.source;
    return part;
  });
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
  return sealedHashes.get(c) ?? hashValue(canonicalContent(c));
}

/** Content hashes of records that can no longer change (deep-frozen), by record. */
const sealedHashes = new WeakMap<object, string>();

/**
 * articleContentHash of a record deep-frozen by its owner (an import's records, sealed once
 * checked), computed once: the import hashes each record as it reads it, and listing it
 * (reviewSummaryOf) asks again. The caller vouches that every object in `c` is frozen; a record
 * whose top is not frozen is hashed as usual and not remembered.
 */
export function sealedArticleContentHash(c: Comparison): string {
  const known = sealedHashes.get(c);
  if (known !== undefined) return known;
  const hash = hashValue(canonicalContent(c));
  if (Object.isFrozen(c)) sealedHashes.set(c, hash);
  return hash;
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
