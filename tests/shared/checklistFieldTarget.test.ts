import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { buildSeedRecords } from '../../src/main/seed/seedWorkspace';
import { runChecklist } from '../../src/shared/checks/checklist';
import { bioReviewState } from '../../src/shared/dashboard/bioState';
import { fieldTarget } from '../../src/shared/checks/fieldTarget';
import { reviewPerson } from '../../src/shared/review/actions';

const terms = [
  { key: 'a' as const, name: 'Social Media' },
  { key: 'b' as const, name: 'Social Networking' },
];

describe('fieldTarget: a finding path to the accessible name of its field', () => {
  it.each([
    ['title', ['Title']],
    ['slug', ['Slug']],
    ['summary', ['Summary']],
    ['keyDifferences', ['Add key difference']],
    ['keyDifferences[1]', ['Key difference 2']],
    ['chart.rows', ['Add chart row']],
    ['chart.rows[2].label', ['Row 3 label']],
    ['chart.rows[0].values.b', ['Row 1 Social Networking', 'Row 1 label']],
    ['definitions', ['Add definition']],
    ['definitions[0].text', ['Definition 1 text']],
    ['definitions[1].examples[2]', ['Definition 2 example 3', 'Definition 2 text']],
    ['faqs', ['Add FAQ']],
    ['faqs[3].question', ['FAQ 4 question']],
    ['faqs[0].answer', ['FAQ 1 answer']],
    ['byline.authorId', ['Author']],
    ['byline.editor.bio', ['Editor']],
    ['byline.updated', ['Updated on']],
  ])('%s -> %j', (path, names) => {
    expect(fieldTarget(path, { terms }).names).toEqual(names);
  });

  it('knows no field for an unknown path (the panel says so instead of jumping)', () => {
    expect(fieldTarget('nowhere[0].x', { terms })).toEqual({ names: [], place: 'nowhere[0].x' });
  });

  it('has a field for every path the checklist reports on a thoroughly broken article', () => {
    const { comparison: c, author, editor } = buildSeedRecords(new Date('2024-01-01T00:00:00Z'), () => ulid());
    c.title = '';
    c.slug = 'Bad Slug';
    c.chart.rows[0]!.values.b = '';
    c.chart.rows[1]!.label = '';
    c.faqs[0]!.question = 'No question mark';
    c.definitions[0]!.examples[0]!.text = 'nothing here';
    c.byline.updated = '2999-01-01';
    c.keyDifferences = c.keyDifferences.slice(0, 1);
    const findings = runChecklist({ comparison: c, people: [author, editor], today: '2024-05-01' });
    expect(findings.length).toBeGreaterThan(8);
    for (const f of findings) expect(fieldTarget(f.path, c).names.length, f.path).toBeGreaterThan(0);
  });
});

describe('bioReviewState', () => {
  it('walks a bio from draft to signed off, and back to "changed" on an edit', () => {
    const { author, editor } = buildSeedRecords(new Date('2024-01-01T00:00:00Z'), () => ulid());
    const ed = { personId: editor.id, role: 'editor' as const, name: editor.name };
    expect(bioReviewState(author).words).toBe('Draft');
    author.review = reviewPerson(author, { personId: author.id, role: 'writer', name: author.name }, { action: 'submit' }, '2024-01-02T00:00:00.000Z');
    expect(bioReviewState(author).words).toBe('Awaiting review');
    author.review = reviewPerson(author, ed, { action: 'request_changes', parts: [], sections: [] }, '2024-01-03T00:00:00.000Z');
    expect(bioReviewState(author).words).toBe('Changes requested');
    author.review = reviewPerson(author, ed, { action: 'approve', parts: [], sections: [] }, '2024-01-04T00:00:00.000Z');
    expect(bioReviewState(author)).toMatchObject({ words: 'Approved', by: editor.id });
    author.review = reviewPerson(author, ed, { action: 'sign_off' }, '2024-01-05T00:00:00.000Z');
    expect(bioReviewState(author)).toMatchObject({ state: 'signed_off', words: 'Signed off', at: '2024-01-05T00:00:00.000Z' });
    expect(bioReviewState({ ...author, credentials: 'New credentials' }).words).toBe('Changed since approval');
  });
});
