import type { ComparisonStatus } from '../api/contract';

export const STATUS_WORDS: Record<ComparisonStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  signed_off: 'Signed off',
};

/**
 * An article a signed-off export left out although the list calls it signed off: its record is
 * not (`status`, the list was out of date), or it is but a bio it is published with is not
 * signed off now (`bio`: edited since, or its review undone), so the bundle would carry words
 * no editor approved.
 */
export interface LeftOutArticle {
  slug: string;
  title: string;
  status: ComparisonStatus;
  /** `name` null: the person is not in the workspace. */
  bio?: { role: 'author' | 'editor'; name: string | null } | undefined;
}

/** How many to name; the rest are counted. */
const NAMED = 3;

/**
 * What the app and the CLI say of articles a signed-off export left out, or null when none
 * were: which ones and why, and what follows.
 */
export function leftOutMessage(leftOut: readonly LeftOutArticle[]): string | null {
  if (leftOut.length === 0) return null;
  const why = (a: LeftOutArticle) =>
    !a.bio
      ? `its file says ${STATUS_WORDS[a.status].toLowerCase()}`
      : a.bio.name === null
        ? `its ${a.bio.role} is not in this workspace`
        : `the ${a.bio.role}’s bio (${a.bio.name}) is not signed off`;
  const named = leftOut
    .slice(0, NAMED)
    .map((a) => `“${a.title}”: ${why(a)}`)
    .join('; ');
  const more = leftOut.length > NAMED ? `; and ${leftOut.length - NAMED} more` : '';
  const one = leftOut.length === 1;
  const stale = leftOut.filter((a) => !a.bio).length;
  const bios = leftOut.length - stale;
  return [
    `${one ? '1 article' : `${leftOut.length} articles`} listed as signed off ${one ? 'was' : 'were'} left out (${named}${more}).`,
    stale > 0 ? ` The list was out of date and now shows ${stale === 1 ? 'it' : 'them'} as ${stale === 1 ? 'it is' : 'they are'}.` : '',
    bios > 0 ? ' The bios published with an article must be signed off too: review them under People, then export again.' : '',
  ].join('');
}
