import type { Comparison } from '../model/comparison';

/**
 * Where a checklist finding's field is in the editor: the accessible names of the controls to
 * try, most specific first (the editor labels every field, e.g. "FAQ 2 question", "Row 3 Social
 * Media"), and a short name of the place for the panel. Pure: no DOM.
 */
export interface FieldTarget {
  names: string[];
  place: string;
}

const INDEX = /^(\w+)\[(\d+)\](?:\.(.*))?$/;

export function fieldTarget(path: string, c: Pick<Comparison, 'terms'>): FieldTarget {
  const one = (name: string, place = name): FieldTarget => ({ names: [name], place });
  switch (path) {
    case 'title':
      return one('Title');
    case 'slug':
      return one('Slug');
    case 'summary':
      return one('Summary');
    case 'keyDifferences':
      return { names: ['Add key difference'], place: 'Key differences' };
    case 'chart.rows':
      return { names: ['Add chart row'], place: 'Comparison chart' };
    case 'definitions':
      return { names: ['Add definition'], place: 'Definitions' };
    case 'faqs':
      return { names: ['Add FAQ'], place: 'FAQs' };
    case 'byline.authorId':
    case 'byline.author.bio':
      return one('Author', path.endsWith('bio') ? 'Author (bio in People)' : 'Author');
    case 'byline.editorId':
    case 'byline.editor.bio':
      return one('Editor', path.endsWith('bio') ? 'Editor (bio in People)' : 'Editor');
    case 'byline.updated':
      return one('Updated on');
  }
  const chart = /^chart\.rows\[(\d+)\]\.(label|values\.(\w+))$/.exec(path);
  if (chart) {
    const n = Number(chart[1]) + 1;
    if (chart[2] === 'label') return one(`Row ${n} label`, `Chart row ${n}, label`);
    const term = c.terms.find((t) => t.key === chart[3]);
    const name = term?.name ?? chart[3] ?? '';
    return { names: [`Row ${n} ${name}`, `Row ${n} label`], place: `Chart row ${n}, ${name}` };
  }
  const item = INDEX.exec(path);
  if (item) {
    const [, list, index, rest = ''] = item;
    const n = Number(index) + 1;
    if (list === 'keyDifferences') return one(`Key difference ${n}`);
    if (list === 'faqs') return rest === 'answer' ? one(`FAQ ${n} answer`) : one(`FAQ ${n} question`);
    if (list === 'definitions') {
      const example = /^examples\[(\d+)\]$/.exec(rest);
      if (example) {
        const m = Number(example[1]) + 1;
        return { names: [`Definition ${n} example ${m}`, `Definition ${n} text`], place: `Definition ${n}, example ${m}` };
      }
      return one(`Definition ${n} text`);
    }
  }
  return { names: [], place: path };
}
