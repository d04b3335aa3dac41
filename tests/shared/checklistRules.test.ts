import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { buildSeedRecords, type SeedRecords } from '../../src/main/seed/seedWorkspace';
import { CHECK_RULES, runChecklist, type CheckRule, type ChecklistInput, type Finding } from '../../src/shared/checks/checklist';
import { mentionsTerm } from '../../src/shared/checks/mentionsTerm';
import { editDistance, nearDuplicateKey, nearlySame } from '../../src/shared/checks/nearDuplicate';
import { docFromText, type BlockDoc } from '../../src/shared/model/richText';
import { signOffBio } from './support/signOffBio';

const TODAY = '2024-05-01';

interface Case {
  records: SeedRecords;
  input: ChecklistInput;
}

/** The sample article with signed-off bios and one other article in the workspace. */
function clean(): Case {
  const records = buildSeedRecords(new Date('2024-01-01T00:00:00Z'), () => ulid());
  signOffBio(records.author, records.editor.id);
  signOffBio(records.editor, records.author.id);
  const others = [
    { id: ulid(), slug: 'revenue-vs-profit', title: 'Revenue vs. Profit' },
    { id: records.comparison.id, slug: records.comparison.slug, title: records.comparison.title },
  ];
  return { records, input: { comparison: records.comparison, people: [records.author, records.editor], today: TODAY, others } };
}

/** One edit per rule that must make exactly that rule fire, with the severity and field it reports. */
const FAILING: Record<CheckRule, { edit: (c: Case) => void; severity: Finding['severity']; path: string; message: RegExp }> = {
  'terms-defined': {
    edit: ({ records }) => void (records.comparison.definitions = records.comparison.definitions.filter((d) => d.term !== 'a')),
    severity: 'error',
    path: 'definitions',
    message: /"Social Media" has no definition/,
  },
  'examples-name-term': {
    edit: ({ records }) => void (records.comparison.definitions[0]!.examples[0]!.text = 'People share photos with friends every day.'),
    severity: 'error',
    path: 'definitions[0].examples[0]',
    message: /^Example 1 of definition 1 does not contain "Social Media"\.$/,
  },
  'chart-complete': {
    edit: ({ records }) => void (records.comparison.chart.rows[0]!.values.b = ''),
    severity: 'error',
    path: 'chart.rows[0].values.b',
    message: /has no value for "Social Networking"/,
  },
  'chart-labels-unique': {
    edit: ({ records }) => void (records.comparison.chart.rows[1]!.label = records.comparison.chart.rows[0]!.label.toLowerCase()),
    severity: 'error',
    path: 'chart.rows[1].label',
    message: /repeats row 1/,
  },
  'faq-questions': {
    edit: ({ records }) => void (records.comparison.faqs[0]!.question = 'Tell me about social media'),
    severity: 'error',
    path: 'faqs[0].question',
    message: /does not end with "\?"/,
  },
  'faq-questions-unique': {
    edit: ({ records }) => void (records.comparison.faqs[2]!.question = ` ${records.comparison.faqs[0]!.question.toUpperCase()}`),
    severity: 'error',
    path: 'faqs[2].question',
    message: /repeats FAQ 1/,
  },
  'summary-names-terms': {
    edit: ({ records }) => void (records.comparison.summary = docFromText('Social networking is about relationships.')),
    severity: 'error',
    path: 'summary',
    message: /does not name "Social Media"/,
  },
  'title-names-terms': {
    edit: ({ records }) => void (records.comparison.title = 'Social Media, Explained'),
    severity: 'error',
    path: 'title',
    message: /does not name "Social Networking"/,
  },
  'slug-url-safe': {
    edit: ({ records }) => void (records.comparison.slug = 'social media'),
    severity: 'error',
    path: 'slug',
    message: /not URL-safe/,
  },
  'slug-unique': {
    edit: ({ records }) => void (records.comparison.slug = 'revenue-vs-profit'),
    severity: 'error',
    path: 'slug',
    message: /^The slug "revenue-vs-profit" is already used by "Revenue vs\. Profit"\.$/,
  },
  'byline-people': {
    edit: ({ records }) => void (records.comparison.byline.editorId = null),
    severity: 'error',
    path: 'byline.editorId',
    message: /^No editor is set\.$/,
  },
  'bios-signed-off': {
    edit: ({ records }) => void (records.author.credentials = 'Changed after sign-off'),
    severity: 'error',
    path: 'byline.authorId',
    message: /The author's bio \(.+\) is not signed off yet/,
  },
  'minimum-items': {
    edit: ({ records }) => void (records.comparison.faqs = records.comparison.faqs.slice(0, 2)),
    severity: 'warning',
    path: 'faqs',
    message: /^Only 2 FAQs; at least 3 are expected\.$/,
  },
  'rich-text-not-empty': {
    edit: ({ records }) => void (records.comparison.definitions[1]!.text = docFromText(' ')),
    severity: 'error',
    path: 'definitions[1].text',
    message: /is empty/,
  },
  'links-https': {
    edit: ({ records }) => {
      records.comparison.summary = {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'Social Media vs. Social Networking', marks: [{ type: 'link', attrs: { href: 'http://example.com' } }] }],
          },
        ],
      };
    },
    severity: 'warning',
    path: 'summary',
    message: /over plain http/,
  },
  'updated-date': {
    edit: ({ records }) => void (records.comparison.byline.updated = '2024-05-02'),
    severity: 'error',
    path: 'byline.updated',
    message: /is in the future/,
  },
};

describe('every checklist rule, passing and failing', () => {
  it('has a failing case for every rule', () => {
    expect(Object.keys(FAILING).sort()).toEqual([...CHECK_RULES].sort());
  });

  it('passes every rule on the finished sample article', () => {
    expect(runChecklist(clean().input)).toEqual([]);
  });

  for (const rule of CHECK_RULES) {
    it(`${rule}: one edit makes it fire, with a plain message and the field`, () => {
      const c = clean();
      FAILING[rule].edit(c);
      const findings = runChecklist(c.input);
      expect(findings.map((f) => f.rule)).toEqual([rule]);
      expect(findings[0]).toMatchObject({ severity: FAILING[rule].severity, path: FAILING[rule].path, slug: c.records.comparison.slug });
      expect(findings[0]!.message).toMatch(FAILING[rule].message);
    });
  }
});

describe('rule details', () => {
  const run = (edit: (c: Case) => void) => {
    const c = clean();
    edit(c);
    return runChecklist(c.input);
  };

  it('accepts example sentences that use the term in another case, plural or possessive, and refuses empty ones', () => {
    const findings = run(({ records }) => {
      const [first] = records.comparison.definitions;
      first!.examples = [
        { id: ulid(), text: 'SOCIAL MEDIA is everywhere.' },
        { id: ulid(), text: 'Both social medias grew.' },
        { id: ulid(), text: "Social media's reach is wide." },
        { id: ulid(), text: '   ' },
      ];
    });
    expect(findings.map((f) => [f.rule, f.path, f.message])).toEqual([
      ['examples-name-term', 'definitions[0].examples[3]', 'Example 4 of definition 1 ("Social Media") is empty.'],
    ]);
  });

  it('warns about near-duplicate chart labels and FAQ questions, without blocking', () => {
    const findings = run(({ records }) => {
      const c = records.comparison;
      c.chart.rows[0]!.label = 'Main purpose';
      c.chart.rows[1]!.label = 'Main purposes';
      c.faqs[0]!.question = 'What is the main purpose of social media?';
      c.faqs[1]!.question = "What's the main purpose of Social Media?";
    });
    expect(findings.map((f) => [f.rule, f.severity, f.path])).toEqual([
      ['chart-labels-unique', 'warning', 'chart.rows[1].label'],
      ['faq-questions-unique', 'warning', 'faqs[1].question'],
    ]);
    expect(findings[1]!.message).toBe(
      `FAQ 2 "What's the main purpose of Social Media?" is nearly the same as FAQ 1 ("What is the main purpose of social media?").`,
    );
  });

  it('does not call different short labels near-duplicates', () => {
    expect(nearlySame(nearDuplicateKey('Cost'), nearDuplicateKey('Cast'))).toBe(false);
    expect(nearlySame(nearDuplicateKey('Audience size'), nearDuplicateKey('Audience reach'))).toBe(false);
    expect(nearlySame(nearDuplicateKey('How do they make money?'), nearDuplicateKey('How do they make mony?'))).toBe(true);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('checks slug uniqueness only when the other slugs are given, and never against itself', () => {
    const c = clean();
    c.input = { ...c.input, others: undefined };
    c.records.comparison.slug = 'revenue-vs-profit';
    expect(runChecklist(c.input)).toEqual([]);
    expect(run(() => undefined).filter((f) => f.rule === 'slug-unique')).toEqual([]);
  });

  it('flags an author who is missing from the people, and a bio that was never reviewed', () => {
    const findings = run(({ records, input }) => {
      records.editor.review = undefined;
      input.people = [records.editor];
    });
    expect(findings.map((f) => [f.rule, f.path])).toEqual([
      ['byline-people', 'byline.authorId'],
      ['bios-signed-off', 'byline.editorId'],
    ]);
  });

  it('refuses an empty bio of a byline person', () => {
    const findings = run(({ records }) => {
      records.editor.bio = docFromText('') as BlockDoc;
      signOffBio(records.editor, records.author.id);
    });
    expect(findings.map((f) => [f.rule, f.path])).toEqual([['rich-text-not-empty', 'byline.editor.bio']]);
  });
});

describe('mentionsTerm inflection', () => {
  it('allows "ies" plurals of terms ending in a consonant and y, not of other words', () => {
    expect(mentionsTerm('Many companies do both.', 'Company')).toBe(true);
    expect(mentionsTerm('Two keys', 'Key')).toBe(true);
    expect(mentionsTerm('Two keies', 'Key')).toBe(false);
    expect(mentionsTerm('A companion', 'Company')).toBe(false);
  });
});
