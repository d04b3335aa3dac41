import { memo, useCallback, type Dispatch } from 'react';
import { ulid } from 'ulid';
import type { Faq } from '../../shared/model/comparison';
import { emptyDoc } from '../../shared/model/richText';
import { nounLabels } from '../list/listLabels';
import { SortableList } from '../list/SortableList';
import { RichTextField } from '../richText/RichTextField';
import { PartFrame } from '../review/PartFrame';
import { SectionReview } from '../review/SectionReview';
import type { EditorAction } from './comparisonReducer';
import { useListEditing } from './useListEditing';

const LABELS = nounLabels('FAQ');
const makeItem = (): Faq => ({ id: ulid(), question: '', answer: emptyDoc() });

export interface FaqsSectionProps {
  items: readonly Faq[];
  dispatch: Dispatch<EditorAction>;
}

function FaqsSectionView({ items, dispatch }: FaqsSectionProps) {
  const editing = useListEditing('faqs', items, dispatch, LABELS, makeItem);
  const renderItem = useCallback(
    (item: Faq, index: number) => (
      <PartFrame partKey={`faq:${item.id}`}>
      <div className="stack">
        <label className="field">
          <span className="field-label">FAQ {index + 1} question</span>
          <input
            type="text"
            className="input"
            value={item.question}
            maxLength={500}
            onChange={(event) => dispatch({ type: 'listUpdate', list: 'faqs', id: item.id, patch: { question: event.target.value } })}
          />
        </label>
        <RichTextField
          label={`FAQ ${index + 1} answer`}
          allowLists
          value={item.answer}
          onChange={(answer) => dispatch({ type: 'listUpdate', list: 'faqs', id: item.id, patch: { answer: answer as Faq['answer'] } })}
        />
      </div>
      </PartFrame>
    ),
    [dispatch],
  );
  return (
    <section className="section" aria-labelledby="faq-heading">
      <h2 id="faq-heading">FAQs</h2>
      <SectionReview section="faqs" />
      <SortableList items={items} listLabel="FAQs" labels={LABELS} renderItem={renderItem} {...editing} />
    </section>
  );
}

export const FaqsSection = memo(FaqsSectionView);
