import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { buildSeedRecords } from '../../src/main/seed/seedWorkspace';
import { hasErrors, runChecklist, type CheckRule, type Finding } from '../../src/shared/checks/checklist';
import { mentionsTerm } from '../../src/shared/checks/mentionsTerm';
import type { Comparison } from '../../src/shared/model/comparison';
import { docFromText, type BlockDoc, type InlineDoc } from '../../src/shared/model/richText';
import { signOffBio } from './support/signOffBio';

const TODAY = '2024-05-01';

/** The sample article and its people, with both bios signed off (as a finished workspace has them). */
function seed() {
  const records = buildSeedRecords(new Date('2024-01-01T00:00:00Z'), () => ulid());
  signOffBio(records.author, records.editor.id);
  signOffBio(records.editor, records.author.id);
  return records;
}

function check(edit: (c: Comparison, people: ReturnType<typeof seed>) => void = () => undefined): Finding[] {
  const records = seed();
  edit(records.comparison, records);
  return runChecklist({ comparison: records.comparison, people: [records.author, records.editor], today: TODAY });
}

const ofRule = (findings: Finding[], rule: CheckRule) => findings.filter((f) => f.rule === rule);

const linked = (text: string, href: string): InlineDoc => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] }] }],
});

describe('the editorial checklist', () => {
  it('finds nothing wrong with the sample article', () => {
    expect(check()).toEqual([]);
  });

  it('requires a definition for every term', () => {
    const findings = check((c) => {
      c.definitions = c.definitions.filter((d) => d.term !== 'b');
    });
    expect(ofRule(findings, 'terms-defined')).toEqual([
      { slug: 'social-media-vs-social-networking', rule: 'terms-defined', severity: 'error', message: '"Social Networking" has no definition.', path: 'definitions' },
    ]);
  });

  it('requires a value in every chart cell', () => {
    const findings = check((c) => {
      c.chart.rows[1]!.values.b = '  ';
      delete c.chart.rows[2]!.values.a;
    });
    expect(ofRule(findings, 'chart-complete').map((f) => f.path)).toEqual(['chart.rows[1].values.b', 'chart.rows[2].values.a']);
    expect(ofRule(findings, 'chart-complete')[0]!.severity).toBe('error');
  });

  it('requires chart labels, each different from the others in any case', () => {
    const findings = check((c) => {
      c.chart.rows[2]!.label = ` ${c.chart.rows[0]!.label.toUpperCase()} `;
      c.chart.rows[3]!.label = '';
    });
    expect(ofRule(findings, 'chart-labels-unique').map((f) => [f.path, f.message])).toEqual([
      ['chart.rows[2].label', 'Chart label "PRIMARY FOCUS" repeats row 1.'],
      ['chart.rows[3].label', 'Chart row 4 has no label.'],
    ]);
  });

  it('requires FAQ questions that end with "?" and do not repeat', () => {
    const findings = check((c) => {
      c.faqs[1]!.question = c.faqs[0]!.question.toLowerCase();
      c.faqs[2]!.question = 'Why it matters.';
      c.faqs[3]!.question = '';
    });
    expect(ofRule(findings, 'faq-questions').map((f) => f.path)).toEqual(['faqs[2].question', 'faqs[3].question']);
    expect(ofRule(findings, 'faq-questions')[0]!.message).toBe('FAQ "Why it matters." does not end with "?".');
    expect(ofRule(findings, 'faq-questions-unique').map((f) => [f.severity, f.path])).toEqual([['error', 'faqs[1].question']]);
  });

  it('requires the summary to name every term', () => {
    const findings = check((c) => {
      c.summary = docFromText('Social media is about sharing content broadly.');
    });
    expect(ofRule(findings, 'summary-names-terms')).toEqual([
      expect.objectContaining({ severity: 'error', path: 'summary', message: 'The summary does not name "Social Networking".' }),
    ]);
  });

  it('requires the title to name every term', () => {
    const findings = check((c) => {
      c.title = 'Social Media Explained';
    });
    expect(ofRule(findings, 'title-names-terms').map((f) => f.message)).toEqual(['The title does not name "Social Networking".']);
  });

  it('requires a URL-safe slug', () => {
    const findings = check((c) => {
      c.slug = 'Social Media/vs';
    });
    expect(ofRule(findings, 'slug-url-safe')).toEqual([expect.objectContaining({ severity: 'error', path: 'slug' })]);
  });

  it('requires an author and an editor who exist', () => {
    const findings = check((c) => {
      c.byline.authorId = null;
      c.byline.editorId = ulid();
    });
    expect(ofRule(findings, 'byline-people').map((f) => [f.path, f.message])).toEqual([
      ['byline.authorId', 'No author is set.'],
      ['byline.editorId', "The editor is not among the workspace's people."],
    ]);
  });

  it('warns about fewer than 3 key differences, chart rows or FAQs', () => {
    const findings = check((c) => {
      c.keyDifferences = c.keyDifferences.slice(0, 2);
      c.chart.rows = c.chart.rows.slice(0, 1);
      c.faqs = [];
    });
    expect(ofRule(findings, 'minimum-items').map((f) => [f.severity, f.path, f.message])).toEqual([
      ['warning', 'keyDifferences', 'Only 2 key differences; at least 3 are expected.'],
      ['warning', 'chart.rows', 'Only 1 chart row; at least 3 are expected.'],
      ['warning', 'faqs', 'Only 0 FAQs; at least 3 are expected.'],
    ]);
    expect(hasErrors(findings)).toBe(false);
  });

  it('refuses empty rich text, including a bio', () => {
    const findings = check((c, records) => {
      c.keyDifferences[1]!.text = docFromText('   ');
      c.faqs[0]!.answer = { type: 'doc', content: [{ type: 'paragraph' }] };
      records.editor.bio = docFromText('') as BlockDoc;
    });
    expect(ofRule(findings, 'rich-text-not-empty').map((f) => f.path)).toEqual(['keyDifferences[1]', 'faqs[0].answer', 'byline.editor.bio']);
    expect(hasErrors(findings)).toBe(true);
  });

  it('warns about plain http links and accepts https and mailto', () => {
    const findings = check((c) => {
      c.keyDifferences[0]!.text = linked('source', 'http://example.com/a');
      c.keyDifferences[1]!.text = linked('source', 'https://example.com/b');
      c.keyDifferences[2]!.text = linked('mail us', 'mailto:desk@example.com');
    });
    expect(ofRule(findings, 'links-https')).toEqual([
      expect.objectContaining({ severity: 'warning', path: 'keyDifferences[0]', message: 'Key difference 1 links to http://example.com/a over plain http; use https.' }),
    ]);
  });

  it('refuses an "updated on" date in the future and warns when there is none', () => {
    expect(ofRule(check((c) => void (c.byline.updated = '2024-05-02')), 'updated-date')).toEqual([
      expect.objectContaining({ severity: 'error', path: 'byline.updated' }),
    ]);
    expect(ofRule(check((c) => void (c.byline.updated = TODAY)), 'updated-date')).toEqual([]);
    expect(ofRule(check((c) => void (c.byline.updated = null)), 'updated-date')).toEqual([expect.objectContaining({ severity: 'warning' })]);
  });
});

describe('mentionsTerm', () => {
  it('finds a term in any case, as a whole phrase, allowing a plural', () => {
    expect(mentionsTerm('Social media refers to…', 'Social Media')).toBe(true);
    expect(mentionsTerm('Social   networks connect people', 'Social Network')).toBe(true);
    expect(mentionsTerm('Revenue and profits', 'Profit')).toBe(true);
    expect(mentionsTerm('CSS is not C', 'C')).toBe(true);
    expect(mentionsTerm('CSS only', 'C')).toBe(false);
    expect(mentionsTerm('Networking', 'Network')).toBe(false);
  });

  it('finds terms that end in symbols', () => {
    expect(mentionsTerm('C# vs. C++: What is the Difference?', 'C#')).toBe(true);
    expect(mentionsTerm('C# vs. C++: What is the Difference?', 'C++')).toBe(true);
    expect(mentionsTerm('Only C# here', 'C++')).toBe(false);
  });
});
