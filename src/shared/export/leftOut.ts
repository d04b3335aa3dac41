import type { ComparisonStatus } from '../api/contract';

export const STATUS_WORDS: Record<ComparisonStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  signed_off: 'Signed off',
};

/** An article a signed-off export left out: listed as signed off, its record is not. */
export interface LeftOutArticle {
  slug: string;
  title: string;
  status: ComparisonStatus;
}

/** How many to name; the rest are counted. */
const NAMED = 3;

/**
 * What the app and the CLI say of articles a signed-off export left out, or null when none
 * were: which ones, the status their files give, and that the list now shows them so.
 */
export function leftOutMessage(leftOut: readonly LeftOutArticle[]): string | null {
  if (leftOut.length === 0) return null;
  const named = leftOut
    .slice(0, NAMED)
    .map((a) => `“${a.title}”: ${STATUS_WORDS[a.status].toLowerCase()}`)
    .join('; ');
  const more = leftOut.length > NAMED ? `; and ${leftOut.length - NAMED} more` : '';
  const one = leftOut.length === 1;
  return (
    `${one ? '1 article' : `${leftOut.length} articles`} listed as signed off ${one ? 'was' : 'were'} left out: ${one ? 'its file says' : 'their files say'} ` +
    `otherwise (${named}${more}). The list was out of date and now shows ${one ? 'it' : 'them'} as ${one ? 'it is' : 'they are'}.`
  );
}
