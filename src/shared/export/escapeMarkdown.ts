/**
 * The one place where text becomes Markdown source. Every exporter routes content through
 * these functions, and a corpus test parses the result back with markdown-it (CommonMark + GFM
 * tables) to check that the text reads back unchanged. Neither @tiptap/markdown nor
 * prosemirror-markdown escapes safely as it comes (see STACK-NOTES "Markdown escaping").
 *
 * Rules:
 * - `\ * _ # | [ ] \` ~` get a backslash everywhere (so no emphasis, code, link, strikethrough,
 *   heading or table syntax can start inside content);
 * - `< > &` become entities (`&lt; &gt; &amp;`), so no HTML, autolink or entity can form;
 * - at the start of a line: a leading `-`, `+`, `=` or an ordered-list marker (`1.`, `10)`) is
 *   backslash-escaped, and leading whitespace becomes numeric entities (a parser would strip them
 *   or read an indented code block);
 * - at the end of a line, trailing whitespace becomes numeric entities (a parser strips them, and
 *   two of them would be a hard break).
 *
 * An importer must parse with `html: true`: a literal `<br>` in our output is always a line break
 * we wrote (content `<` is always `&lt;`), never content.
 */

export interface LinePosition {
  /** The text starts a line of the block (block markers and leading whitespace matter). */
  lineStart: boolean;
  /** The text ends a line of the block (trailing whitespace matters). */
  lineEnd: boolean;
}

const BACKSLASHED = /[\\*_#|[\]`~]/g;
/**
 * Text escapeMarkdownInline() returns as it is: none of BACKSLASHED, `< > &` or `\r`; not
 * starting with white space, a digit or `- + =`; not ending with white space (empty text too).
 */
const NOTHING_TO_ESCAPE = /^(?:[^\s\d\-+=\\*_#|[\]`~<>&]|[^\s\d\-+=\\*_#|[\]`~<>&][^\\*_#|[\]`~<>&\r]*[^\s\\*_#|[\]`~<>&])?$/;
const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** A numeric character reference for one code point: reads back as exactly that character. */
export function numericEntity(char: string): string {
  return `&#x${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()};`;
}

/**
 * Escapes one line fragment (no `\n`) of inline text. `position` says whether the fragment sits
 * at the start and/or end of a source line, where more characters are significant.
 */
export function escapeMarkdownInline(text: string, position: LinePosition = { lineStart: true, lineEnd: true }): string {
  if (text.includes('\n')) throw new Error('escapeMarkdownInline takes one line; split lines first');
  // Most text has nothing to escape: no special character anywhere, and no line-start marker,
  // digit or white space at its start, no white space at its end (checked whatever the position).
  if (NOTHING_TO_ESCAPE.test(text)) return text;
  return escapeLine(text, position);
}

/** escapeMarkdownInline() without its shortcut for text with nothing to escape (exported for its test). */
export function escapeLine(text: string, position: LinePosition): string {
  let lead = '';
  let core = text;
  let trail = '';
  if (position.lineStart) {
    const m = /^[^\S\n]+/.exec(core);
    if (m) {
      lead = [...m[0]].map(numericEntity).join('');
      core = core.slice(m[0].length);
    }
  }
  if (position.lineEnd) {
    const m = /[^\S\n]+$/.exec(core);
    if (m) {
      trail = [...m[0]].map(numericEntity).join('');
      core = core.slice(0, core.length - m[0].length);
    }
  }
  let escaped = core.replace(BACKSLASHED, '\\$&').replace(/[<>&]/g, (c) => ENTITIES[c]);
  // A carriage return would end the line for a parser; other C0 controls are kept as they are.
  escaped = escaped.replace(/\r/g, numericEntity('\r'));
  if (position.lineStart && lead === '') {
    escaped = escaped.replace(/^(\d{1,9})([.)])/, '$1\\$2').replace(/^[-+=]/, '\\$&');
  }
  return lead + escaped + trail;
}

/** How a `\n` inside plain text is written. */
export type LineBreakStyle = 'hard' | 'br';

/**
 * Escapes plain text that may hold `\n`, as the content of one block (paragraph, heading,
 * blockquote line, table cell). `hard` writes a backslash hard break (paragraphs); `br` writes
 * `<br>` (headings and table cells, where Markdown has no other line break). A trailing line
 * break is always `<br>`, since a backslash at the very end of a block reads back as a backslash.
 */
export function escapeMarkdownText(text: string, breaks: LineBreakStyle): string {
  // One line (most titles, cells and examples): what the loop below gives for it.
  if (!text.includes('\n')) return escapeMarkdownInline(text, { lineStart: true, lineEnd: true });
  const lines = text.split('\n');
  let out = '';
  lines.forEach((line, i) => {
    if (i > 0) {
      const restEmpty = lines.slice(i).every((l) => l === '');
      out += breaks === 'br' || restEmpty ? '<br>' : '\\\n';
    }
    out += escapeMarkdownInline(line, { lineStart: i === 0 || breaks === 'hard', lineEnd: true });
  });
  return out;
}

/** A GFM table cell: escaped text, pipes escaped, line breaks as `<br>`. */
export function escapeTableCell(text: string): string {
  return escapeMarkdownText(text, 'br');
}

/**
 * A link destination: backslash-escapes what would end or confuse it (`( ) < > \ &`) and
 * percent-encodes whitespace, so `[text](url)` reads back to the same href.
 */
export function escapeLinkDestination(href: string): string {
  return href.replace(/[()<>\\&]/g, '\\$&').replace(/\s/g, (c) => encodeURIComponent(c));
}
