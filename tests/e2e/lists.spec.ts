/**
 * Journey 2: every list of the seed article (key differences, chart rows, definitions, FAQs and a
 * definition's examples) is reordered by its move buttons, by Alt+Arrow keys and by dragging its
 * handle; an item is removed and put back with Undo. What is shown is checked after each step,
 * and what is stored on disk at the end: the same order, each id still holding its own content.
 */
import type { Locator, Page } from '@playwright/test';
import type { Comparison } from '../../src/shared/model/comparison';
import { docToText } from '../../src/shared/model/richText';
import { expect, test } from './harness/harness';
import { expectSeedOpen, field, shownText, undoToast } from './support/editor';
import { expectSaved } from './support/fields';

const SLUG = 'social-media-vs-social-networking';

interface Entry {
  id: string;
  text: string;
}

interface ListCase {
  name: string;
  /** Names of item N's controls, as the UI labels them. */
  moveUp: (n: number) => string;
  moveDown: (n: number) => string;
  drag: (n: number) => string;
  remove: (n: number) => string;
  removed: (n: number) => string;
  /** The field whose text identifies item N (the writer presses Alt+Arrow in it). */
  item: (page: Page, n: number) => Locator;
  /** The rich-text fields mount their editor on focus. */
  rich: boolean;
  stored: (c: Comparison) => Entry[];
  /** Gets the list ready (the seed's definitions have one example each). */
  prepare?: (page: Page) => Promise<void>;
}

const noun = (word: string) => ({
  moveUp: (n: number) => `Move ${word} ${n} up`,
  moveDown: (n: number) => `Move ${word} ${n} down`,
  drag: (n: number) => `Drag ${word} ${n}`,
  remove: (n: number) => `Remove ${word} ${n}`,
  removed: (n: number) => `Removed ${word} ${n}`,
});

const EXTRA_EXAMPLES = ['A second example sentence for the first definition.', 'A third example sentence for the first definition.'];

const CASES: ListCase[] = [
  {
    name: 'key differences',
    ...noun('key difference'),
    item: (page, n) => field(page, `Key difference ${n}`),
    rich: true,
    stored: (c) => c.keyDifferences.map((k) => ({ id: k.id, text: docToText(k.text) })),
  },
  {
    name: 'chart rows',
    ...noun('chart row'),
    item: (page, n) => field(page, `Row ${n} label`),
    rich: false,
    stored: (c) => c.chart.rows.map((r) => ({ id: r.id, text: r.label })),
  },
  {
    name: 'definitions',
    ...noun('definition'),
    item: (page, n) => field(page, `Definition ${n} text`),
    rich: true,
    stored: (c) => c.definitions.map((d) => ({ id: d.id, text: docToText(d.text) })),
  },
  {
    name: 'FAQs',
    ...noun('FAQ'),
    item: (page, n) => field(page, `FAQ ${n} question`),
    rich: false,
    stored: (c) => c.faqs.map((f) => ({ id: f.id, text: f.question })),
  },
  {
    name: "a definition's examples",
    moveUp: (m) => `Move example ${m} of definition 1 up`,
    moveDown: (m) => `Move example ${m} of definition 1 down`,
    drag: (m) => `Drag example ${m} of definition 1`,
    remove: (m) => `Remove example ${m} from definition 1`,
    removed: (m) => `Removed example ${m} from definition 1`,
    item: (page, m) => field(page, `Definition 1 example ${m}`),
    rich: false,
    stored: (c) => c.definitions[0].examples.map((e) => ({ id: e.id, text: e.text })),
    prepare: async (page) => {
      for (const [i, text] of EXTRA_EXAMPLES.entries()) {
        await page.getByRole('button', { name: 'Add example to definition 1', exact: true }).click();
        // The new example's field takes focus, ready for typing.
        await expect(field(page, `Definition 1 example ${i + 2}`)).toBeFocused();
        await page.keyboard.type(text);
      }
    },
  },
];

/** The texts the list shows, top to bottom. */
async function shownList(page: Page, list: ListCase): Promise<string[]> {
  const texts: string[] = [];
  for (let n = 1; ; n++) {
    const box = list.item(page, n);
    if ((await box.count()) === 0) return texts;
    texts.push(await shownText(box));
  }
}

function move<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

/** Puts the caret in item N, the way a writer would: by clicking it. */
async function focusItem(page: Page, list: ListCase, n: number): Promise<void> {
  const box = list.item(page, n);
  await box.click();
  if (list.rich) await expect(box).toHaveAttribute('contenteditable', 'true');
  await expect(box).toBeFocused();
}

for (const list of CASES) {
  test(`reorders, removes and restores ${list.name}; the stored order matches what is shown`, async ({ page, openApp, readStoredComparison }) => {
    await openApp();
    await expectSeedOpen(page);
    if (list.prepare) {
      await list.prepare(page);
      await expectSaved(page);
    }

    // The model: the stored items, each an id with its own content.
    let model = list.stored(await readStoredComparison(SLUG));
    expect(model.length).toBeGreaterThanOrEqual(3);
    const expectShown = async () => expect.poll(() => shownList(page, list)).toEqual(model.map((e) => e.text));
    await expectShown();
    const button = (name: string) => page.getByRole('button', { name, exact: true });

    // Move buttons.
    await button(list.moveDown(1)).click();
    model = move(model, 0, 1);
    await expectShown();
    await button(list.moveUp(3)).click();
    model = move(model, 2, 1);
    await expectShown();

    // Alt+Arrow keys inside an item; the caret stays in the moved item.
    await focusItem(page, list, 1);
    await page.keyboard.press('Alt+ArrowDown');
    model = move(model, 0, 1);
    await expectShown();
    await expect(list.item(page, 2)).toBeFocused();
    await focusItem(page, list, 3);
    await page.keyboard.press('Alt+ArrowUp');
    model = move(model, 2, 1);
    await expectShown();
    await expect(list.item(page, 2)).toBeFocused();

    // Drag item 3 by its handle onto item 1: it takes that place. (Tall enough a window that both
    // handles are on screen: a synthetic drag cannot scroll the page the way a held mouse does.)
    await page.setViewportSize({ width: 1400, height: 2000 });
    // Nor may the target sit under the sticky editor header: centre it first.
    await page.evaluate(`document.querySelector('[aria-label=${JSON.stringify(list.drag(1))}]').scrollIntoView({ block: 'center' })`);
    await button(list.drag(3)).dragTo(button(list.drag(1)));
    model = move(model, 2, 0);
    await expectShown();

    // Remove item 2, then Undo puts it back in the same place.
    await button(list.remove(2)).click();
    await expect.poll(() => shownList(page, list)).toEqual(model.filter((_, i) => i !== 1).map((e) => e.text));
    const toast = undoToast(page);
    await expect(toast).toContainText(list.removed(2));
    await toast.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(toast).toHaveCount(0);
    await expectShown();

    // On disk: the order shown, and every id still holds its own content.
    await expectSaved(page);
    const stored = list.stored(await readStoredComparison(SLUG));
    expect(stored).toEqual(model);
  });
}
