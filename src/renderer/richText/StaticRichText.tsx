import { Fragment, type ReactNode } from 'react';
import { isAllowedHref, type BlockNode, type InlineNode, type ListItem, type RichDoc } from '../../shared/model/richText';

/**
 * The stored JSON rendered as the same elements TipTap renders (p, strong, em, a, br, ul/ol/li),
 * so a field can show its content without an editor. Anything outside the schema — including a
 * link that is not http(s)/mailto in a tampered file — is rendered as plain text or not at all.
 */
export function StaticRichText({ doc }: { doc: RichDoc }): ReactNode {
  const blocks = Array.isArray(doc?.content) ? (doc.content as BlockNode[]) : [];
  return blocks.map((block, i) => renderBlock(block, i));
}

function renderBlock(node: BlockNode | ListItem, key: number): ReactNode {
  switch (node?.type) {
    case 'paragraph':
      return <p key={key}>{renderParagraphContent(node.content ?? [])}</p>;
    case 'bulletList':
      return <ul key={key}>{listItems(node.content)}</ul>;
    case 'orderedList': {
      const start = node.attrs?.start;
      return (
        <ol key={key} start={typeof start === 'number' && start !== 1 ? start : undefined}>
          {listItems(node.content)}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{(Array.isArray(node.content) ? node.content : []).map((child, j) => renderBlock(child, j))}</li>;
    default:
      return null;
  }
}

function listItems(items: ListItem[] | undefined): ReactNode {
  return (Array.isArray(items) ? items : []).map((item, i) => renderBlock(item, i));
}

function renderParagraphContent(content: InlineNode[]): ReactNode {
  const children = content.map((node, i) => renderInline(node, i));
  // ProseMirror gives an empty paragraph, or one ending in a hard break, a trailing <br> so the
  // line keeps its height; do the same so the static view and the editor line up exactly.
  const last = content[content.length - 1];
  if (content.length === 0 || last?.type === 'hardBreak') children.push(<br key="trailing" className="ProseMirror-trailingBreak" />);
  return children;
}

function renderInline(node: InlineNode, key: number): ReactNode {
  if (node?.type === 'hardBreak') return <br key={key} />;
  if (node?.type !== 'text' || typeof node.text !== 'string') return null;
  const marks = Array.isArray(node.marks) ? node.marks : [];
  let out: ReactNode = node.text;
  if (marks.some((m) => m.type === 'italic')) out = <em>{out}</em>;
  if (marks.some((m) => m.type === 'bold')) out = <strong>{out}</strong>;
  const link = marks.find((m) => m.type === 'link');
  const href = link && link.type === 'link' ? link.attrs?.href : undefined;
  if (typeof href === 'string' && isAllowedHref(href)) {
    // tabIndex -1: links inside a field are not tab stops, as in the editor.
    out = (
      <a href={href} rel="noopener noreferrer nofollow" tabIndex={-1}>
        {out}
      </a>
    );
  }
  return <Fragment key={key}>{out}</Fragment>;
}
