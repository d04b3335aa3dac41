/** The import side of bundles: read and check, plan, apply; Markdown articles too. */
export { DEFAULT_LIMITS, type BundleLimits } from './bundleLimits';
export { readBundle, validateBundle, type BundleContents, type ImportedArticle, type ImportedPerson } from './readBundle';
export { planImport, type ImportPlan, type ImportPlanItem, type ImportAction, type ImportReadTarget } from './planImport';
export { applyImport, type ImportChoice, type ImportResult, type ApplyOptions, type ImportTarget } from './applyImport';
export { parseArticleMarkdown, type ParsedArticleMarkdown, type ParsedPerson } from './parseArticleMarkdown';
export { readArticleMarkdown, markdownContents, type MarkdownImportOptions } from './markdownContents';
export type { PartDiff, PartState } from './partMerge';
