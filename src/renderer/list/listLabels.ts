/** The accessible names of a sortable list's controls; N is the 1-based position. */
export interface ListLabels {
  add: string;
  remove: (n: number) => string;
  moveUp: (n: number) => string;
  moveDown: (n: number) => string;
  drag: (n: number) => string;
  /** The undo toast's text after removing item N. */
  removed: (n: number) => string;
}

/** Labels for a list of "<noun> N": "Add FAQ", "Remove FAQ 2", "Move FAQ 2 up", "Drag FAQ 2". */
export function nounLabels(noun: string): ListLabels {
  return {
    add: `Add ${noun}`,
    remove: (n) => `Remove ${noun} ${n}`,
    moveUp: (n) => `Move ${noun} ${n} up`,
    moveDown: (n) => `Move ${noun} ${n} down`,
    drag: (n) => `Drag ${noun} ${n}`,
    removed: (n) => `Removed ${noun} ${n}`,
  };
}
