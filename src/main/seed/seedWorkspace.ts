import { z } from 'zod';
import { COMPARISON_FORMAT, defaultTitle, type Comparison } from '../../shared/model/comparison';
import { PERSON_FORMAT, type Person } from '../../shared/model/person';
import { docFromText, docToText, type BlockDoc } from '../../shared/model/richText';
import { slugFromTerms } from '../../shared/model/slug';
import fixtureJson from './social-media-vs-social-networking.json';

const fixtureSchema = z.object({
  title: z.string(),
  termA: z.string(),
  termB: z.string(),
  summary: z.string(),
  keyDifferences: z.array(z.string()),
  chart: z.array(z.object({ label: z.string(), a: z.string(), b: z.string() })),
  definitions: z.array(z.object({ term: z.enum(['A', 'B']), text: z.string(), example: z.string() })),
  faqs: z.array(z.object({ q: z.string(), a: z.string() })),
  author: z.object({ name: z.string(), bio: z.string() }),
  editor: z.object({ name: z.string(), bio: z.string() }),
  updated: z.string(),
});
export type SeedFixture = z.infer<typeof fixtureSchema>;

/** The seed article ("Social Media vs. Social Networking"), checked against its shape. */
export const seedFixture: SeedFixture = fixtureSchema.parse(fixtureJson);

/** A comparison reduced to plain text per part: what a reader sees, without ids or dates. */
export interface ComparisonParts {
  terms: string[];
  title: string;
  summary: string;
  keyDifferences: string[];
  chart: Array<{ label: string; values: Record<string, string> }>;
  definitions: Array<{ term: string; text: string; examples: string[] }>;
  faqs: Array<{ question: string; answer: string }>;
  author: { name: string; bio: string } | null;
  editor: { name: string; bio: string } | null;
  updated: string | null;
}

/** The parts of the seed fixture (or another fixture of the same shape), to compare a stored article with. */
export function fixtureToComparisonParts(fixture: SeedFixture = seedFixture): ComparisonParts {
  return {
    terms: [fixture.termA, fixture.termB],
    title: fixture.title,
    summary: fixture.summary,
    keyDifferences: [...fixture.keyDifferences],
    chart: fixture.chart.map((row) => ({ label: row.label, values: { a: row.a, b: row.b } })),
    definitions: fixture.definitions.map((d) => ({ term: d.term.toLowerCase(), text: d.text, examples: [d.example] })),
    faqs: fixture.faqs.map((f) => ({ question: f.q, answer: f.a })),
    author: { ...fixture.author },
    editor: { ...fixture.editor },
    updated: fixture.updated,
  };
}

/** The parts of a stored comparison, naming byline people from `people`. */
export function comparisonToParts(c: Comparison, people: readonly Person[]): ComparisonParts {
  const person = (id: string | null) => {
    const p = people.find((x) => x.id === id);
    return p ? { name: p.name, bio: docToText(p.bio) } : null;
  };
  return {
    terms: c.terms.map((t) => t.name),
    title: c.title,
    summary: docToText(c.summary),
    keyDifferences: c.keyDifferences.map((k) => docToText(k.text)),
    chart: c.chart.rows.map((r) => ({ label: r.label, values: { ...r.values } as Record<string, string> })),
    definitions: c.definitions.map((d) => ({ term: d.term, text: docToText(d.text), examples: d.examples.map((e) => e.text) })),
    faqs: c.faqs.map((f) => ({ question: f.question, answer: docToText(f.answer) })),
    author: person(c.byline.authorId),
    editor: person(c.byline.editorId),
    updated: c.byline.updated,
  };
}

export interface SeedRecords {
  comparison: Comparison;
  author: Person;
  editor: Person;
}

/** The seed article and its author and editor as records ready to store. */
export function buildSeedRecords(now: Date, newId: () => string, fixture: SeedFixture = seedFixture): SeedRecords {
  const at = now.toISOString();
  const person = (p: { name: string; bio: string }): Person => ({
    format: PERSON_FORMAT,
    id: newId(),
    revision: 1,
    createdAt: at,
    updatedAt: at,
    name: p.name,
    credentials: '',
    bio: docFromText(p.bio) as BlockDoc,
  });
  const author = person(fixture.author);
  const editor = person(fixture.editor);
  const terms = [fixture.termA, fixture.termB];
  const comparison: Comparison = {
    format: COMPARISON_FORMAT,
    id: newId(),
    revision: 1,
    createdAt: at,
    updatedAt: at,
    terms: [
      { key: 'a', name: fixture.termA },
      { key: 'b', name: fixture.termB },
    ],
    title: fixture.title,
    titleEdited: fixture.title !== defaultTitle(terms),
    slug: slugFromTerms(terms),
    slugEdited: false,
    summary: docFromText(fixture.summary),
    keyDifferences: fixture.keyDifferences.map((text) => ({ id: newId(), text: docFromText(text) })),
    chart: {
      headerLabel: '',
      rows: fixture.chart.map((row) => ({ id: newId(), label: row.label, values: { a: row.a, b: row.b } })),
    },
    definitions: fixture.definitions.map((d) => ({
      id: newId(),
      term: d.term === 'A' ? 'a' : 'b',
      text: docFromText(d.text),
      examples: [{ id: newId(), text: d.example }],
    })),
    faqs: fixture.faqs.map((f) => ({ id: newId(), question: f.q, answer: docFromText(f.a) as BlockDoc })),
    byline: { authorId: author.id, editorId: editor.id, updated: fixture.updated },
    related: [],
  };
  return { comparison, author, editor };
}
