import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ulid } from 'ulid';
import type { z } from 'zod';
import { ServiceError } from '../../../shared/api/errors';
import { COMPARISON_FORMAT, comparisonSchema, defaultTitle, type Comparison } from '../../../shared/model/comparison';
import { PERSON_FORMAT, personSchema, type Person } from '../../../shared/model/person';
import { isValidSlug, slugFromTerms } from '../../../shared/model/slug';
import { personContentHash } from '../../history/HistoryStore';
import { zodIssuesInWords } from '../../services/zodIssuesInWords';
import { contentHash } from '../contentHash';
import { DEFAULT_LIMITS, refuse } from './bundleLimits';
import { parseArticleMarkdown, type ParsedArticleMarkdown, type ParsedPerson } from './parseArticleMarkdown';
import type { ImportReadTarget } from './planImport';
import type { BundleContents, ImportedPerson } from './readBundle';

export interface MarkdownImportOptions {
  now: Date;
  newId?: () => string;
  /** Shown in messages and the plan; the file name by default. */
  source?: string;
}

/** Reads an article `.md` (at most 20 MB) into the same shape a bundle gives, ready to plan. */
export async function readArticleMarkdown(path: string, target: ImportReadTarget, opts: MarkdownImportOptions): Promise<BundleContents> {
  const name = basename(path);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw refuse(name, 'the file does not exist');
  if (info.size > DEFAULT_LIMITS.maxEntryBytes) throw refuse(name, 'the file is over the limit of 20 MB');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch {
    throw refuse(name, 'the file is not UTF-8 text');
  }
  try {
    return await markdownContents(parseArticleMarkdown(text), target, { ...opts, source: opts.source ?? name });
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'INVALID_INPUT' && !(error.details as { entry?: string } | undefined)?.entry) {
      throw refuse(name, error.message);
    }
    throw error;
  }
}

/**
 * The records a parsed Markdown article stands for. People are matched to existing people by
 * name (case and surrounding spaces ignored), or created. An article whose slug exists locally
 * is read as a new version of it: it keeps its id, and its items take the local items' ids by
 * position, so importing our own export of an article changes nothing.
 */
export async function markdownContents(parsed: ParsedArticleMarkdown, target: ImportReadTarget, opts: MarkdownImportOptions): Promise<BundleContents> {
  const newId = opts.newId ?? (() => ulid());
  const at = opts.now.toISOString();
  const source = opts.source ?? 'article.md';
  const report = [...parsed.report];
  const localPeople = target.listPeople();
  const people: ImportedPerson[] = [];
  const personFor = (p: ParsedPerson | null): string | null => {
    if (!p) return null;
    const key = p.name.trim().toLowerCase();
    const already = people.find((x) => x.record.name.trim().toLowerCase() === key);
    if (already) return already.record.id;
    const local = localPeople.find((x) => x.name.trim().toLowerCase() === key);
    let record: Person;
    if (local) {
      const next = { ...local, credentials: p.credentials ?? local.credentials, bio: p.bio };
      const changed = personContentHash(next) !== personContentHash(local);
      record = changed ? { ...next, revision: local.revision + 1, updatedAt: at } : local;
    } else {
      record = { format: PERSON_FORMAT, id: newId(), revision: 1, createdAt: at, updatedAt: at, name: p.name.trim(), credentials: p.credentials ?? '', bio: p.bio };
      report.push(`${p.name} is not in this workspace yet and will be added.`);
    }
    people.push({ export: null, record: check(source, personSchema, record) });
    return record.id;
  };
  const authorId = personFor(parsed.author);
  const editorId = personFor(parsed.editor);

  const names = parsed.terms.map((t) => t.name.trim());
  const slug = parsed.slug && isValidSlug(parsed.slug) ? parsed.slug : slugFromTerms(names);
  if (parsed.slug && slug !== parsed.slug) report.push(`The slug "${parsed.slug}" is not valid; "${slug}" is used.`);
  const summary = target.listComparisons().find((s) => s.slug === slug);
  const local = summary ? await target.getComparison(summary.id) : null;
  const idAt = <T extends { id: string }>(items: readonly T[] | undefined, i: number) => items?.[i]?.id ?? newId();
  const title = parsed.title ?? defaultTitle(names);
  const record: Comparison = {
    format: COMPARISON_FORMAT,
    id: local?.id ?? newId(),
    revision: parsed.revision ?? 1,
    createdAt: local?.createdAt ?? at,
    updatedAt: at,
    terms: parsed.terms.map((t) => ({ ...t })),
    title,
    titleEdited: title !== defaultTitle(names),
    slug,
    slugEdited: slug !== slugFromTerms(names),
    summary: parsed.summary,
    keyDifferences: parsed.keyDifferences.map((text, i) => ({ id: idAt(local?.keyDifferences, i), text })),
    chart: { headerLabel: parsed.chart.headerLabel, rows: parsed.chart.rows.map((r, i) => ({ id: idAt(local?.chart.rows, i), ...r })) },
    definitions: parsed.definitions.map((d, i) => {
      const id = idAt(local?.definitions, i);
      return { id, term: d.term, text: d.text, examples: d.examples.map((text, j) => ({ id: local?.definitions[i]?.examples[j]?.id ?? newId(), text })) };
    }),
    faqs: parsed.faqs.map((f, i) => ({ id: idAt(local?.faqs, i), ...f })),
    byline: { authorId, editorId, updated: parsed.updated },
    related: local?.related ?? [],
  };
  // Ids taken by position could repeat where new ids were mixed in: then all items get new ones.
  const ids = [...record.keyDifferences, ...record.chart.rows, ...record.definitions.flatMap((d) => [d, ...d.examples]), ...record.faqs].map((x) => x.id);
  if (new Set(ids).size !== ids.length) for (const x of [...record.keyDifferences, ...record.chart.rows, ...record.definitions.flatMap((d) => [d, ...d.examples]), ...record.faqs]) x.id = newId();
  if (local?.review) record.review = local.review;
  if (local) {
    const same = contentHash(local) === contentHash(record);
    record.revision = same ? local.revision : Math.max(local.revision + 1, parsed.revision ?? 0);
    if (same) record.updatedAt = local.updatedAt;
  }
  const checked = check(source, comparisonSchema, record);
  const hash = contentHash(checked);
  return {
    source,
    manifest: null,
    articles: [{ item: { id: checked.id, slug: checked.slug, revision: checked.revision, status: 'draft', signOff: null, files: [] }, record: checked, lineage: [hash] }],
    people,
    report,
  };
}

function check<T>(source: string, schema: z.ZodType<T>, value: T): T {
  const result = schema.safeParse(value);
  if (!result.success) throw refuse(source, `the article is not valid: ${zodIssuesInWords(result.error.issues)}`);
  return result.data;
}

