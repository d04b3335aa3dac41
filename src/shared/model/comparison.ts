import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema, termKeySchema, TERM_KEYS, type TermKey } from './ids';
import { blockDocSchema, emptyDoc, inlineDocSchema } from './richText';
import { isValidSlug, SLUG_MAX } from './slug';
import { reviewRecordSchema } from '../review/reviewModel';

export const COMPARISON_FORMAT = 1;

const plain = (max: number) => z.string().max(max);

export const termSchema = z.strictObject({
  key: termKeySchema,
  name: z.string().trim().min(1, 'A term needs a name').max(120),
});
export type Term = z.infer<typeof termSchema>;

export const keyDifferenceSchema = z.strictObject({ id: idSchema, text: inlineDocSchema });
export type KeyDifference = z.infer<typeof keyDifferenceSchema>;

export const chartRowSchema = z.strictObject({
  id: idSchema,
  label: plain(200),
  values: z.partialRecord(termKeySchema, plain(2000)),
});
export type ChartRow = z.infer<typeof chartRowSchema>;

export const chartSchema = z.strictObject({
  headerLabel: plain(200),
  rows: z.array(chartRowSchema).max(500),
});

export const exampleSchema = z.strictObject({ id: idSchema, text: plain(2000) });
export type Example = z.infer<typeof exampleSchema>;

export const definitionSchema = z.strictObject({
  id: idSchema,
  term: termKeySchema,
  text: inlineDocSchema,
  examples: z.array(exampleSchema).min(1).max(50),
});
export type Definition = z.infer<typeof definitionSchema>;

export const faqSchema = z.strictObject({ id: idSchema, question: plain(500), answer: blockDocSchema });
export type Faq = z.infer<typeof faqSchema>;

export const bylineSchema = z.strictObject({
  authorId: idSchema.nullable(),
  editorId: idSchema.nullable(),
  updated: isoDateSchema.nullable(),
});
export type Byline = z.infer<typeof bylineSchema>;

/** Per-part review records, the sign-off and comment threads (src/shared/review/reviewModel.ts). */
export const reviewSchema = reviewRecordSchema;

export const comparisonSchema = z
  .strictObject({
    format: z.literal(COMPARISON_FORMAT),
    id: idSchema,
    revision: z.number().int().min(1),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    terms: z.array(termSchema).min(2, 'A comparison needs 2 to 4 terms').max(4, 'A comparison needs 2 to 4 terms'),
    title: z.string().trim().min(1, 'The title cannot be empty').max(300),
    /** True once the writer edits the title; until then it follows the terms. */
    titleEdited: z.boolean(),
    slug: z.string().max(SLUG_MAX).refine(isValidSlug, 'Slugs use a–z, 0–9 and single hyphens'),
    /** True once the writer edits the slug; until then it follows the terms. */
    slugEdited: z.boolean(),
    summary: inlineDocSchema,
    keyDifferences: z.array(keyDifferenceSchema).max(200),
    chart: chartSchema,
    definitions: z.array(definitionSchema).max(200),
    faqs: z.array(faqSchema).max(200),
    byline: bylineSchema,
    related: z.array(idSchema).max(50),
    review: reviewSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const keys = c.terms.map((t) => t.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', message: 'Term keys repeat', path: ['terms'] });
    const known = new Set<string>(keys);
    c.definitions.forEach((d, i) => {
      if (!known.has(d.term)) ctx.addIssue({ code: 'custom', message: 'Definition names an unknown term', path: ['definitions', i, 'term'] });
    });
    c.chart.rows.forEach((r, i) => {
      for (const k of Object.keys(r.values)) {
        if (!known.has(k)) ctx.addIssue({ code: 'custom', message: 'Chart value for an unknown term', path: ['chart', 'rows', i, 'values', k] });
      }
    });
    const ids = [
      ...c.keyDifferences.map((x) => x.id),
      ...c.chart.rows.map((x) => x.id),
      ...c.definitions.flatMap((x) => [x.id, ...x.examples.map((e) => e.id)]),
      ...c.faqs.map((x) => x.id),
    ];
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'Item ids repeat', path: [] });
    if (c.related.includes(c.id)) ctx.addIssue({ code: 'custom', message: 'A comparison cannot relate to itself', path: ['related'] });
  });
export type Comparison = z.infer<typeof comparisonSchema>;

/** "A vs. B: What's the Difference?" (three or four terms: "A vs. B vs. C: …"). */
export function defaultTitle(termNames: readonly string[]): string {
  return `${termNames.map((t) => t.trim()).join(' vs. ')}: What's the Difference?`;
}

/** The first term key not yet used, for a newly added term. */
export function nextTermKey(terms: readonly Term[]): TermKey | null {
  return TERM_KEYS.find((k) => !terms.some((t) => t.key === k)) ?? null;
}

export { emptyDoc };
