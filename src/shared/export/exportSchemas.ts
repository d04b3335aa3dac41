import { z } from 'zod';
import { comparisonStatusSchema } from '../api/contract';
import { chartSchema, exampleSchema, termSchema } from '../model/comparison';
import { idSchema, isoDateSchema, isoDateTimeSchema, termKeySchema } from '../model/ids';
import { blockDocSchema } from '../model/richText';
import { commentThreadSchema, partKeySchema, partReviewSchema, reviewRecordSchema, signOffRecordSchema } from '../review/reviewModel';

/**
 * The exported formats, described once: the exporters' output is typed from these schemas, and
 * the JSON Schema files shipped in every bundle are generated from them, so the schema says
 * exactly what is exported. An importer validates against these too.
 */

export const ARTICLE_EXPORT_FORMAT = 1;
export const PERSON_EXPORT_FORMAT = 1;
export const MANIFEST_FORMAT = 1;
export const BUNDLE_KIND = 'versus-desk-bundle';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** A rich-text value: plain text, sanitized HTML, escaped Markdown and the lossless stored doc. */
export const richValueSchema = z.strictObject({
  text: z.string(),
  html: z.string(),
  markdown: z.string(),
  doc: blockDocSchema,
});
export type RichValue = z.infer<typeof richValueSchema>;

/** A byline person as shown on the page. */
export const personRefSchema = z.strictObject({
  id: idSchema,
  name: z.string(),
  credentials: z.string(),
  bio: richValueSchema,
});
export type PersonRef = z.infer<typeof personRefSchema>;

export const signOffSchema = z.strictObject({ by: idSchema, at: isoDateTimeSchema });
export type SignOff = z.infer<typeof signOffSchema>;

export const articleExportSchema = z.strictObject({
  format: z.literal(ARTICLE_EXPORT_FORMAT),
  id: idSchema,
  slug: z.string().min(1),
  title: z.string().min(1),
  terms: z.array(termSchema).min(2).max(4),
  summary: richValueSchema,
  keyDifferences: z.array(z.strictObject({ id: idSchema, text: richValueSchema })),
  chart: chartSchema,
  definitions: z.array(
    z.strictObject({ id: idSchema, term: termKeySchema, text: richValueSchema, examples: z.array(exampleSchema) }),
  ),
  faqs: z.array(z.strictObject({ id: idSchema, question: z.string(), answer: richValueSchema })),
  byline: z.strictObject({
    author: personRefSchema.nullable(),
    editor: personRefSchema.nullable(),
    updated: isoDateSchema.nullable(),
  }),
  /** Related articles; slug and title are null when the target is not in the workspace. */
  related: z.array(z.strictObject({ id: idSchema, slug: z.string().nullable(), title: z.string().nullable() })),
  review: z.strictObject({
    status: comparisonStatusSchema,
    signedOffBy: idSchema.nullable(),
    signedOffAt: isoDateTimeSchema.nullable(),
    /** sha256 (hex) of the canonical content: what a sign-off vouches for. */
    contentHash: sha256Hex,
    /** The per-part review records: who approved or asked for changes, when, at which part hash. */
    parts: z.record(partKeySchema, partReviewSchema),
    /** The stored sign-off with the hash it vouched for (kept even when a later edit voided it). */
    signOff: signOffRecordSchema.nullable(),
    /** Comment threads, anchored to parts by id. */
    comments: z.array(commentThreadSchema),
  }),
  revision: z.number().int().min(1),
});
export type ArticleExport = z.infer<typeof articleExportSchema>;

export const personExportSchema = z.strictObject({
  format: z.literal(PERSON_EXPORT_FORMAT),
  id: idSchema,
  revision: z.number().int().min(1),
  name: z.string().min(1),
  credentials: z.string(),
  bio: richValueSchema,
  /** The bio's review data; null when there is none. */
  review: reviewRecordSchema.nullable(),
});
export type PersonExport = z.infer<typeof personExportSchema>;

export const bundleFileSchema = z.strictObject({
  /** Forward-slash path inside the bundle. */
  path: z.string().min(1),
  sha256: sha256Hex,
  bytes: z.number().int().min(0),
});
export type BundleFile = z.infer<typeof bundleFileSchema>;

export const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  kind: z.literal(BUNDLE_KIND),
  createdAt: isoDateTimeSchema,
  createdBy: z.string(),
  appVersion: z.string(),
  /** Exported articles, sorted by slug. */
  items: z.array(
    z.strictObject({
      id: idSchema,
      slug: z.string().min(1),
      revision: z.number().int().min(1),
      status: comparisonStatusSchema,
      signOff: signOffSchema.nullable(),
      files: z.array(bundleFileSchema),
      /**
       * Optional lineage for merging on import: content hashes this article has had, newest
       * first (its current one, then those in the exporter's history), at most 50. An importer
       * finds the common base of a conflict as the newest local snapshot whose hash is listed.
       */
      lineage: z.array(sha256Hex).min(1).max(50).optional(),
    }),
  ),
  /** People the exported articles name, sorted by id. */
  people: z.array(z.strictObject({ id: idSchema, revision: z.number().int().min(1), files: z.array(bundleFileSchema) })),
  /** Every file in the bundle except manifest.json itself, sorted by path. */
  files: z.array(bundleFileSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;
