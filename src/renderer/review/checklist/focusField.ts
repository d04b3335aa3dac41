/** The text a user sees on a control, without aria-hidden decoration ("+ Add FAQ" reads "Add FAQ"). */
function visibleText(el: Element): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    else if (node instanceof Element && node.getAttribute('aria-hidden') !== 'true') node.childNodes.forEach(walk);
  };
  walk(el);
  return text.replace(/\s+/g, ' ').trim();
}

/** The control named `name` inside `root`: by aria-label, by its <label>, or a button by its text. */
export function findControl(root: ParentNode, name: string): HTMLElement | null {
  const quoted = JSON.stringify(name);
  const byAria =
    root.querySelector<HTMLElement>(`[role="textbox"][aria-label=${quoted}]`) ??
    root.querySelector<HTMLElement>(`input[aria-label=${quoted}], textarea[aria-label=${quoted}], select[aria-label=${quoted}]`);
  if (byAria) return byAria;
  for (const label of root.querySelectorAll('label')) {
    const text = visibleText(label.querySelector('.field-label') ?? label);
    if (text !== name) continue;
    const control = label.control ?? label.querySelector<HTMLElement>('input, select, textarea');
    if (control) return control as HTMLElement;
  }
  for (const button of root.querySelectorAll<HTMLElement>('button')) {
    if (visibleText(button) === name) return button;
  }
  return null;
}

/**
 * Scrolls the first control found to the middle of the view, focuses it and marks it briefly.
 * Returns false when none of the names is on screen.
 */
export function focusField(root: ParentNode, names: readonly string[]): boolean {
  for (const name of names) {
    const el = findControl(root, name);
    if (!el) continue;
    el.scrollIntoView({ block: 'center', behavior: 'auto' });
    el.focus({ preventScroll: true });
    // A rich-text field swaps in its editor on focus: mark whatever holds the focus now.
    const marked = (document.activeElement instanceof HTMLElement ? document.activeElement : el).closest<HTMLElement>('.rt-field, .field, .chart-cell, .button') ?? el;
    marked.classList.add('checklist-jumped');
    window.setTimeout(() => marked.classList.remove('checklist-jumped'), 1600);
    return true;
  }
  return false;
}
