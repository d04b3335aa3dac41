import { memo, useCallback, useRef, type Dispatch } from 'react';
import { ulid } from 'ulid';
import type { Definition, Term } from '../../shared/model/comparison';
import { emptyDoc } from '../../shared/model/richText';
import { nounLabels } from '../list/listLabels';
import { SortableList } from '../list/SortableList';
import { PartFrame } from '../review/PartFrame';
import { SectionReview } from '../review/SectionReview';
import type { EditorAction } from './comparisonReducer';
import { DefinitionItem } from './DefinitionItem';
import { useListEditing } from './useListEditing';

const LABELS = nounLabels('definition');

export interface DefinitionsSectionProps {
  items: readonly Definition[];
  terms: readonly Term[];
  dispatch: Dispatch<EditorAction>;
}

function DefinitionsSectionView({ items, terms, dispatch }: DefinitionsSectionProps) {
  const live = useRef({ items, terms });
  live.current = { items, terms };
  // A new definition takes the term that has the fewest definitions so far (alternating A, B, A, B).
  const makeItem = useCallback((): Definition => {
    const { items: now, terms: termList } = live.current;
    const counts = termList.map((t) => now.filter((d) => d.term === t.key).length);
    const term = termList[counts.indexOf(Math.min(...counts))] ?? termList[0];
    return { id: ulid(), term: term.key, text: emptyDoc(), examples: [{ id: ulid(), text: '' }] };
  }, []);
  const editing = useListEditing('definitions', items, dispatch, LABELS, makeItem);
  const renderItem = useCallback(
    (item: Definition, index: number) => (
      <PartFrame partKey={`def:${item.id}`}>
        <DefinitionItem definition={item} index={index} terms={terms} dispatch={dispatch} />
      </PartFrame>
    ),
    [terms, dispatch],
  );
  return (
    <section className="section" aria-labelledby="def-heading">
      <h2 id="def-heading">Definitions</h2>
      <SectionReview section="definitions" />
      <SortableList items={items} listLabel="Definitions" labels={LABELS} renderItem={renderItem} {...editing} />
    </section>
  );
}

export const DefinitionsSection = memo(DefinitionsSectionView);
