import MarkdownIt from 'markdown-it';
import { it } from 'vitest';
import { richTextToMarkdown, richTextToHtml } from '../../../src/shared/export/richTextRender';
const md = new MarkdownIt('commonmark', { html: true }).enable('table').enable('strikethrough');
const docs: any[] = [
 { type: 'doc', content: [{ type: 'paragraph', content: [
   { type: 'text', text: 'foo' }, { type: 'text', text: '"bar"', marks: [{ type: 'bold' }] }, { type: 'text', text: 'baz ', marks: [{type:'italic'}] },
   { type: 'text', text: 'C# & R&B <T> [x] a*b_c', marks: [{ type: 'link', attrs: { href: 'https://e.com/a(b)?x=1&amp;y' } }, {type:'bold'}] }, {type:'hardBreak'},
   { type: 'text', text: '1. not a list' }, {type:'hardBreak'}, {type:'hardBreak'} ] }] },
];
it('scratch', () => { for (const d of docs) { const s = richTextToMarkdown(d); console.log(s); console.log(md.render(s)); console.log(richTextToHtml(d)); } });
