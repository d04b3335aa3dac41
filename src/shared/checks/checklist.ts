import type { Comparison } from '../model/comparison';
import type { Person } from '../model/person';
import { docToText, isDocEmpty, type BlockNode, type ListItem, type RichDoc } from '../model/richText';
import { isValidSlug } from '../model/slug';
import { mentionsTerm } from './mentionsTerm';
import { nearDuplicateKey, nearlySame } from './nearDuplicate';
import { personContentHashOf } from '../review/parts';
import { readReview } from '../review/status';

/**
 * The editorial checklist: plain facts of an article that an editor would otherwise check by
 * eye before sign-off. Pure (no clock, no files): the caller passes today's date.
 */

export type Severity = 'error' | 'warning';

export const CHECK_RULES = [
  'terms-defined',
  'examples-name-term',
  'chart-complete',
  'chart-labels-unique',
  'faq-questions',
  'faq-questions-unique',
  'summary-names-terms',
  'title-names-terms',
  'slug-url-safe',
  'slug-unique',
  'byline-people',
  'bios-signed-off',
  'minimum-items',
  'rich-text-not-empty',
  'links-https',
  'updated-date',
] as const;
export type CheckRule = (typeof CHECK_RULES)[number];

export interface Finding {
  slug: string;
  rule: CheckRule;
  severity: Severity;
  message: string;
  /** Where in the article, as a property path: `chart.rows[2].values.b`, `faqs[0].question`. */
  path: string;
}

export interface ChecklistInput {
  comparison: Comparison;
  /** The workspace's people, to resolve the byline and check their bios' sign-off. */
  people: ReadonlyArray<Pick<Person, 'id' | 'name' | 'credentials' | 'bio' | 'review'>>;
  /** Today as YYYY-MM-DD, in the user's time zone. */
  today: string;
  /** The workspace's other comparisons, to check the slug is unique (skipped when not given). */
  others?: ReadonlyArray<{ id: string; slug: string; title: string }>;
}

/** Below this many key differences, chart rows or FAQs an article reads thin (a warning). */
export const MINIMUM_ITEMS = 3;

/** A bio counts as signed off while its content still hashes to what the sign-off vouched for. */
function bioSignedOff(p: Pick<Person, 'name' | 'credentials' | 'bio' | 'review'>): boolean {
  const signOff = readReview(p.review).signOff;
  return signOff !== null && signOff.hash === personContentHashOf(p);
}

/** Every finding for one article, in rule order. */
export function runChecklist(input: ChecklistInput): Finding[] {
  const { comparison: c } = input;
  const findings: Finding[] = [];
  const add = (rule: CheckRule, severity: Severity, path: string, message: string) =>
    findings.push({ slug: c.slug, rule, severity, message, path });

  for (const term of c.terms) {
    if (!c.definitions.some((d) => d.term === term.key)) add('terms-defined', 'error', 'definitions', `"${term.name}" has no definition.`);
  }

  c.definitions.forEach((d, i) => {
    const term = c.terms.find((t) => t.key === d.term);
    if (!term) return;
    d.examples.forEach((example, j) => {
      const path = `definitions[${i}].examples[${j}]`;
      if (example.text.trim() === '') add('examples-name-term', 'error', path, `Example ${j + 1} of definition ${i + 1} ("${term.name}") is empty.`);
      else if (!mentionsTerm(example.text, term.name)) {
        add('examples-name-term', 'error', path, `Example ${j + 1} of definition ${i + 1} does not contain "${term.name}".`);
      }
    });
  });

  c.chart.rows.forEach((row, i) => {
    for (const term of c.terms) {
      if ((row.values[term.key] ?? '').trim() === '') {
        add('chart-complete', 'error', `chart.rows[${i}].values.${term.key}`, `Chart row "${row.label || i + 1}" has no value for "${term.name}".`);
      }
    }
  });

  const labels = new Map<string, number>();
  const seenLabels: Array<{ index: number; text: string; key: string }> = [];
  c.chart.rows.forEach((row, i) => {
    const text = row.label.trim();
    const label = text.toLocaleLowerCase('en').replace(/\s+/g, ' ');
    const path = `chart.rows[${i}].label`;
    if (label === '') {
      add('chart-labels-unique', 'error', path, `Chart row ${i + 1} has no label.`);
      return;
    }
    if (labels.has(label)) add('chart-labels-unique', 'error', path, `Chart label "${text}" repeats row ${(labels.get(label) as number) + 1}.`);
    else {
      const key = nearDuplicateKey(text);
      const near = seenLabels.find((seen) => nearlySame(seen.key, key));
      if (near) add('chart-labels-unique', 'warning', path, `Chart label "${text}" is nearly the same as row ${near.index + 1} ("${near.text}").`);
      labels.set(label, i);
      seenLabels.push({ index: i, text, key });
    }
  });

  const questions = new Map<string, number>();
  const seenQuestions: Array<{ index: number; text: string; key: string }> = [];
  c.faqs.forEach((faq, i) => {
    const question = faq.question.trim();
    const key = question.toLocaleLowerCase('en').replace(/\s+/g, ' ');
    const path = `faqs[${i}].question`;
    if (question === '') {
      add('faq-questions', 'error', path, `FAQ ${i + 1} has no question.`);
      return;
    }
    if (!question.endsWith('?')) add('faq-questions', 'error', path, `FAQ "${question}" does not end with "?".`);
    if (questions.has(key)) add('faq-questions-unique', 'error', path, `FAQ "${question}" repeats FAQ ${(questions.get(key) as number) + 1}.`);
    else {
      const near = nearDuplicateKey(question);
      const seen = seenQuestions.find((q) => nearlySame(q.key, near));
      if (seen) add('faq-questions-unique', 'warning', path, `FAQ ${i + 1} "${question}" is nearly the same as FAQ ${seen.index + 1} ("${seen.text}").`);
      questions.set(key, i);
      seenQuestions.push({ index: i, text: question, key: near });
    }
  });

  const summary = docToText(c.summary);
  for (const term of c.terms) {
    if (!mentionsTerm(summary, term.name)) add('summary-names-terms', 'error', 'summary', `The summary does not name "${term.name}".`);
  }
  for (const term of c.terms) {
    if (!mentionsTerm(c.title, term.name)) add('title-names-terms', 'error', 'title', `The title does not name "${term.name}".`);
  }

  if (!isValidSlug(c.slug)) add('slug-url-safe', 'error', 'slug', `The slug "${c.slug}" is not URL-safe: use a–z, 0–9 and single hyphens.`);
  const sameSlug = input.others?.find((o) => o.id !== c.id && o.slug === c.slug);
  if (sameSlug) add('slug-unique', 'error', 'slug', `The slug "${c.slug}" is already used by "${sameSlug.title}".`);

  const byline = [
    { role: 'author', id: c.byline.authorId, path: 'byline.authorId' },
    { role: 'editor', id: c.byline.editorId, path: 'byline.editorId' },
  ] as const;
  for (const { role, id, path } of byline) {
    const person = id === null ? undefined : input.people.find((p) => p.id === id);
    if (id === null) add('byline-people', 'error', path, `No ${role} is set.`);
    else if (!person) add('byline-people', 'error', path, `The ${role} is not among the workspace's people.`);
    else if (!bioSignedOff(person)) add('bios-signed-off', 'error', path, `The ${role}'s bio (${person.name}) is not signed off yet.`);
  }

  const counts = [
    ['keyDifferences', 'key difference', 'key differences', c.keyDifferences.length],
    ['chart.rows', 'chart row', 'chart rows', c.chart.rows.length],
    ['faqs', 'FAQ', 'FAQs', c.faqs.length],
  ] as const;
  for (const [path, one, many, count] of counts) {
    if (count < MINIMUM_ITEMS) add('minimum-items', 'warning', path, `Only ${count} ${count === 1 ? one : many}; at least ${MINIMUM_ITEMS} are expected.`);
  }

  for (const { path, label, doc } of richTexts(input)) {
    if (isDocEmpty(doc)) add('rich-text-not-empty', 'error', path, `${label} is empty.`);
  }

  for (const { path, label, doc } of richTexts(input)) {
    for (const href of linksIn(doc)) {
      // The stored schema already allows only http(s) and mailto; plain http is the weak one.
      if (/^http:/i.test(href)) add('links-https', 'warning', path, `${label} links to ${href} over plain http; use https.`);
    }
  }

  if (c.byline.updated === null) add('updated-date', 'warning', 'byline.updated', 'No "updated on" date is set.');
  else if (c.byline.updated > input.today) add('updated-date', 'error', 'byline.updated', `The "updated on" date ${c.byline.updated} is in the future.`);

  return findings;
}

/** True when any finding is an error: such an article is not ready to sign off. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Every rich-text value published with the article, with its path and a label for messages. */
function richTexts(input: ChecklistInput): Array<{ path: string; label: string; doc: RichDoc }> {
  const c = input.comparison;
  const termName = (key: string) => c.terms.find((t) => t.key === key)?.name ?? key;
  const list: Array<{ path: string; label: string; doc: RichDoc }> = [{ path: 'summary', label: 'The summary', doc: c.summary }];
  c.keyDifferences.forEach((k, i) => list.push({ path: `keyDifferences[${i}]`, label: `Key difference ${i + 1}`, doc: k.text }));
  c.definitions.forEach((d, i) => list.push({ path: `definitions[${i}].text`, label: `The definition of "${termName(d.term)}"`, doc: d.text }));
  c.faqs.forEach((f, i) => list.push({ path: `faqs[${i}].answer`, label: `The answer to FAQ ${i + 1}`, doc: f.answer }));
  for (const [role, id] of [['author', c.byline.authorId], ['editor', c.byline.editorId]] as const) {
    const person = input.people.find((p) => p.id === id);
    if (person) list.push({ path: `byline.${role}.bio`, label: `The ${role}'s bio (${person.name})`, doc: person.bio });
  }
  return list;
}

function linksIn(doc: RichDoc): string[] {
  const hrefs: string[] = [];
  const walk = (node: BlockNode | ListItem): void => {
    if (node.type === 'paragraph') {
      for (const inline of node.content ?? []) {
        if (inline.type !== 'text') continue;
        for (const mark of inline.marks ?? []) if (mark.type === 'link') hrefs.push(mark.attrs.href);
      }
    } else {
      for (const child of node.content) walk(child as BlockNode | ListItem);
    }
  };
  for (const block of doc.content as BlockNode[]) walk(block);
  return [...new Set(hrefs)];
}
