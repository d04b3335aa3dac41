import type { Comparison } from '../../shared/model/comparison';
import { docToText } from '../../shared/model/richText';

/**
 * A readable plain-text copy of a whole comparison, kept on screen when the writer reloads the
 * other copy after a conflict, so nothing they typed disappears without a trace.
 */
export function comparisonToText(doc: Comparison): string {
  const termName = (key: string) => doc.terms.find((t) => t.key === key)?.name ?? key;
  const lines: string[] = [];
  lines.push(doc.title, `Terms: ${doc.terms.map((t) => t.name).join(' · ')}`, `Slug: ${doc.slug}`, '');
  lines.push('Summary', docToText(doc.summary), '');
  lines.push('Key Differences');
  doc.keyDifferences.forEach((k, i) => lines.push(`${i + 1}. ${docToText(k.text)}`));
  lines.push('', 'Comparison Chart');
  if (doc.chart.headerLabel) lines.push(`${doc.chart.headerLabel}\t${doc.terms.map((t) => t.name).join('\t')}`);
  for (const row of doc.chart.rows) lines.push([row.label, ...doc.terms.map((t) => row.values[t.key] ?? '')].join('\t'));
  lines.push('', 'Definitions');
  doc.definitions.forEach((d, i) => {
    lines.push(`${i + 1}. ${termName(d.term)}: ${docToText(d.text)}`);
    for (const example of d.examples) lines.push(`   Example: ${example.text}`);
  });
  lines.push('', 'FAQs');
  doc.faqs.forEach((f, i) => lines.push(`${i + 1}. ${f.question}`, docToText(f.answer)));
  return lines.join('\n').trimEnd() + '\n';
}
