import { memo, useCallback, type Dispatch } from 'react';
import { ulid } from 'ulid';
import type { KeyDifference } from '../../shared/model/comparison';
import { emptyDoc } from '../../shared/model/richText';
import { nounLabels } from '../list/listLabels';
import { SortableList } from '../list/SortableList';
import { RichTextField } from '../richText/RichTextField';
import { PartFrame } from '../review/PartFrame';
import { SectionReview } from '../review/SectionReview';
import type { EditorAction } from './comparisonReducer';
import { useListEditing } from './useListEditing';

const LABELS = nounLabels('key difference');
const makeItem = (): KeyDifference => ({ id: ulid(), text: emptyDoc() });

export interface KeyDifferencesSectionProps {
  items: readonly KeyDifference[];
  dispatch: Dispatch<EditorAction>;
}

function KeyDifferencesSectionView({ items, dispatch }: KeyDifferencesSectionProps) {
  const editing = useListEditing('keyDifferences', items, dispatch, LABELS, makeItem);
  const renderItem = useCallback(
    (item: KeyDifference, index: number) => (
      <PartFrame partKey={`kd:${item.id}`}>
        <RichTextField
          label={`Key difference ${index + 1}`}
          value={item.text}
          onChange={(text) => dispatch({ type: 'listUpdate', list: 'keyDifferences', id: item.id, patch: { text: text as KeyDifference['text'] } })}
        />
      </PartFrame>
    ),
    [dispatch],
  );
  return (
    <section className="section" aria-labelledby="kd-heading">
      <h2 id="kd-heading">Key Differences</h2>
      <SectionReview section="keyDifferences" />
      <SortableList items={items} listLabel="Key differences" labels={LABELS} renderItem={renderItem} {...editing} />
    </section>
  );
}

export const KeyDifferencesSection = memo(KeyDifferencesSectionView);
