import type { ChartDiff, DocDiff, FieldDiff, ItemDiff, WordPart } from '../../shared/review/diff';

/** Words with insertions underlined in green (`<ins>`) and deletions struck in red (`<del>`). */
export function Words({ words }: { words: readonly WordPart[] }) {
  return (
    <>
      {words.map((w, i) =>
        w.kind === 'ins' ? (
          <ins key={i} className="diff-ins">
            {w.text}
          </ins>
        ) : w.kind === 'del' ? (
          <del key={i} className="diff-del">
            {w.text}
          </del>
        ) : (
          <span key={i}>{w.text}</span>
        ),
      )}
    </>
  );
}

function Field({ field }: { field: FieldDiff }) {
  return (
    <div className="diff-field">
      <span className="diff-field-label">{field.label}</span>
      <p className="diff-text">
        <Words words={field.words} />
      </p>
    </div>
  );
}

const STATUS_WORDS: Record<ItemDiff['status'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed', moved: 'Moved' };

/** "Moved from 3 to 1", "Added at 2", "Removed from 4". */
export function placeWords(item: Pick<ItemDiff, 'status' | 'from' | 'to' | 'moved'>): string | null {
  if (item.status === 'added') return `Added at ${item.to}`;
  if (item.status === 'removed') return `Removed from ${item.from}`;
  if (item.moved) return `Moved from ${item.from} to ${item.to}`;
  return null;
}

function Item({ item }: { item: ItemDiff }) {
  const place = placeWords(item);
  return (
    <li className={`diff-item diff-item-${item.status}`}>
      <div className="diff-item-head">
        <span className={`diff-badge diff-badge-${item.status}`}>{STATUS_WORDS[item.status]}</span>
        <span className="diff-item-label">{item.label}</span>
        {place && <span className="diff-place">{place}</span>}
      </div>
      {item.fields.map((f) => (
        <Field key={f.field} field={f} />
      ))}
      {item.children.length > 0 && (
        <ul className="diff-items diff-children">
          {item.children.map((c) => (
            <Item key={c.id} item={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

function Chart({ chart }: { chart: ChartDiff }) {
  return (
    <div className="diff-chart-scroll">
      <table className="diff-chart" aria-label="Changed chart rows">
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Row</th>
            {chart.columns.map((c) => (
              <th key={c.key} scope="col">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chart.rows.map((row) => (
            <tr key={row.id} className={`diff-row-${row.status}`}>
              <td>
                <span className={`diff-badge diff-badge-${row.status}`}>{STATUS_WORDS[row.status]}</span>
                {placeWords(row) && <span className="diff-place diff-place-block">{placeWords(row)}</span>}
              </td>
              {row.cells.map((cell, i) => {
                const Tag = i === 0 ? 'th' : 'td';
                return (
                  <Tag
                    key={cell.column}
                    scope={i === 0 ? 'row' : undefined}
                    className={cell.changed ? 'diff-cell diff-cell-changed' : 'diff-cell'}
                    data-changed={cell.changed ? 'true' : undefined}
                  >
                    {cell.changed ? <Words words={cell.words} /> : cell.after || cell.before}
                    {cell.changed && <span className="visually-hidden"> (changed)</span>}
                  </Tag>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The structured diff of two versions, section by section. */
export function DiffView({ diff, label }: { diff: DocDiff; label: string }) {
  if (diff.sections.length === 0) {
    return (
      <p className="diff-empty" role="status">
        No differences: both versions read the same.
      </p>
    );
  }
  return (
    <div className="diff-view" aria-label={label} role="region">
      {diff.sections.map((s) => (
        <section key={s.section} className="diff-section" aria-label={s.label}>
          <h3 className="diff-section-title">{s.label}</h3>
          {s.fields.map((f) => (
            <Field key={f.field} field={f} />
          ))}
          {s.items.length > 0 && (
            <ul className="diff-items">
              {s.items.map((item) => (
                <Item key={item.id} item={item} />
              ))}
            </ul>
          )}
          {s.chart && s.chart.rows.length > 0 && <Chart chart={s.chart} />}
        </section>
      ))}
    </div>
  );
}
