import { memo, type Dispatch } from 'react';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import type { EditorAction } from './comparisonReducer';

export interface BylineSectionProps {
  byline: Comparison['byline'];
  people: readonly Person[];
  dispatch: Dispatch<EditorAction>;
}

const NONE = '';

/** Author and editor picked from the workspace's people, and the "Updated on" date. */
function BylineSectionView({ byline, people, dispatch }: BylineSectionProps) {
  const personSelect = (label: 'Author' | 'Editor', field: 'authorId' | 'editorId') => {
    const value = byline[field];
    const missing = value !== null && !people.some((p) => p.id === value);
    return (
      <label className="field">
        <span className="field-label">{label}</span>
        <select
          className="input select"
          value={value ?? NONE}
          onChange={(event) => dispatch({ type: 'setByline', patch: { [field]: event.target.value === NONE ? null : event.target.value } })}
        >
          <option value={NONE}>— none —</option>
          {missing && <option value={value}>Unknown person</option>}
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </label>
    );
  };
  return (
    <section className="section" aria-labelledby="byline-heading">
      <h2 id="byline-heading">Byline</h2>
      <div className="byline">
        {personSelect('Author', 'authorId')}
        {personSelect('Editor', 'editorId')}
        <label className="field">
          <span className="field-label">Updated on</span>
          <input
            type="date"
            className="input"
            value={byline.updated ?? ''}
            onChange={(event) => dispatch({ type: 'setByline', patch: { updated: event.target.value === '' ? null : event.target.value } })}
          />
        </label>
      </div>
    </section>
  );
}

export const BylineSection = memo(BylineSectionView);
