import { resolve } from 'node:path';
import { hasErrors, runChecklist, type Finding } from '../../../shared/checks/checklist';
import { EXIT_CHECKS_FAILED, EXIT_OK } from '../CliError';
import type { Command } from '../Command';
import { expectPositionals, parseCommandArgs } from '../parseCommandArgs';
import { withWorkspace } from '../withWorkspace';

export const checkCommand: Command = {
  name: 'check',
  summary: 'run the editorial checklist on every article',
  help: `Usage: versus-desk check <workspace> [--json]

Runs the editorial checklist on every article in <workspace>: each term defined, chart rows
complete with unique labels, FAQ questions unique and ending in "?", title and summary naming
every term, a URL-safe slug, author and editor set, no empty rich text, https links, at least
3 key differences, chart rows and FAQs, and an "updated on" date not in the future.

Exits 1 when any finding is an error, 0 when there are only warnings or none.

Options:
  --json       print the findings as a JSON array of { slug, rule, severity, message, path }
  -h, --help   show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('check', argv, { json: { type: 'boolean' } });
    expectPositionals('check', positionals, ['workspace']);
    const today = localDate(io.now());
    const { findings, articles } = await withWorkspace(resolve(positionals[0] as string), io, async (store) => {
      const people = store.listPeople();
      const summaries = [...store.listComparisons()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
      const all: Finding[] = [];
      for (const summary of summaries) {
        all.push(...runChecklist({ comparison: await store.getComparison(summary.id), people, today, others: summaries }));
      }
      return { findings: all, articles: summaries.length };
    });
    if (values.json) io.out(`${JSON.stringify(findings, null, 2)}\n`);
    else io.out(describeFindings(findings, articles));
    return hasErrors(findings) ? EXIT_CHECKS_FAILED : EXIT_OK;
  },
};

function describeFindings(findings: Finding[], articles: number): string {
  const lines: string[] = [];
  let slug: string | null = null;
  for (const f of findings) {
    if (f.slug !== slug) lines.push(`${f.slug}`);
    slug = f.slug;
    lines.push(`  ${f.severity.padEnd(7)} ${f.rule.padEnd(20)} ${f.message} (${f.path})`);
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(articles, 'article')}.`);
  return `${lines.join('\n')}\n`;
}

/** YYYY-MM-DD in the local time zone: "the future" is judged by the user's calendar. */
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
