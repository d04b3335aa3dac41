import { memo, useId, type Dispatch } from 'react';
import { isValidSlug } from '../../shared/model/slug';
import type { EditorAction } from './comparisonReducer';

export interface HeaderFieldsProps {
  title: string;
  titleEdited: boolean;
  slug: string;
  slugEdited: boolean;
  /** An error the store gave for the slug (already used, say). */
  slugServerError: string | null;
  dispatch: Dispatch<EditorAction>;
}

const SLUG_RULE = 'Lowercase letters a–z, digits 0–9 and single hyphens, up to 80 characters.';

/** Title and slug: both follow the terms until the writer edits them. */
function HeaderFieldsView({ title, titleEdited, slug, slugEdited, slugServerError, dispatch }: HeaderFieldsProps) {
  const titleHint = useId();
  const slugHint = useId();
  const slugError = useId();
  const invalidSlug = !isValidSlug(slug);
  const slugMessage = invalidSlug ? `This slug is not valid. ${SLUG_RULE}` : slugServerError;
  return (
    <div className="header-fields">
      <div className="field">
        <label className="field-label" htmlFor={`${titleHint}-input`}>
          Title
        </label>
        <div className="field-row">
          <input
            id={`${titleHint}-input`}
            type="text"
            className="input"
            value={title}
            maxLength={300}
            aria-describedby={titleHint}
            aria-invalid={title.trim() === ''}
            onChange={(event) => dispatch({ type: 'setTitle', title: event.target.value })}
          />
          {titleEdited && (
            <button type="button" className="button small" onClick={() => dispatch({ type: 'resetTitle' })}>
              Reset title to default
            </button>
          )}
        </div>
        <p id={titleHint} className="hint">
          {titleEdited ? 'Edited: no longer follows the terms.' : 'Follows the terms until you edit it'}
        </p>
        {title.trim() === '' && <p className="field-error">The title cannot be empty.</p>}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${slugHint}-input`}>
          Slug
        </label>
        <div className="field-row">
          <input
            id={`${slugHint}-input`}
            type="text"
            className="input mono"
            value={slug}
            maxLength={80}
            spellCheck={false}
            aria-describedby={slugMessage ? `${slugHint} ${slugError}` : slugHint}
            aria-invalid={slugMessage !== null}
            onChange={(event) => dispatch({ type: 'setSlug', slug: event.target.value })}
          />
          {slugEdited && (
            <button type="button" className="button small" onClick={() => dispatch({ type: 'resetSlug' })}>
              Reset slug to default
            </button>
          )}
        </div>
        <p id={slugHint} className="hint">
          {slugEdited ? 'Edited: no longer follows the terms.' : 'Follows the terms until you edit it.'} {SLUG_RULE}
        </p>
        {slugMessage && (
          <p id={slugError} className="field-error" role="alert">
            {slugMessage}
          </p>
        )}
      </div>
    </div>
  );
}

export const HeaderFields = memo(HeaderFieldsView);
