import { describe, expect, it } from 'vitest';
import { isValidSlug, SLUG_MAX, slugFromTerms, slugify, uniqueSlug } from '../../src/shared/model/slug';

describe('slugs', () => {
  it('spells out symbols that carry meaning', () => {
    expect(slugFromTerms(['C#', 'C++'])).toBe('c-sharp-vs-c-plus-plus');
    expect(slugFromTerms(['R&B', 'Soul'])).toBe('r-and-b-vs-soul');
  });

  it('folds accents and drops other punctuation', () => {
    expect(slugify('Café Crème')).toBe('cafe-creme');
    expect(slugFromTerms(['Naïve Bayes', 'Résumé'])).toBe('naive-bayes-vs-resume');
    expect(slugify("  What's --- this?! ")).toBe('what-s-this');
  });

  it('stays within the length limit without cutting a word in half', () => {
    const slug = slugFromTerms(['Supercalifragilistic expialidocious words', 'Antidisestablishmentarianism and other long terms too']);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(isValidSlug(slug)).toBe(true);
    expect('supercalifragilistic-expialidocious-words-vs-antidisestablishmentarianism-and-other-long-terms-too'.startsWith(slug)).toBe(true);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('suffixes -2, -3 … until the slug is free, even at full length', () => {
    const taken = new Set(['a-vs-b', 'a-vs-b-2']);
    expect(uniqueSlug('a-vs-b', (s) => taken.has(s))).toBe('a-vs-b-3');
    const long = 'x'.repeat(SLUG_MAX);
    const next = uniqueSlug(long, (s) => s === long);
    expect(next.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(next.endsWith('-2')).toBe(true);
    expect(uniqueSlug('', () => false)).toBe('comparison');
  });

  it('accepts only lowercase words joined by single hyphens', () => {
    expect(isValidSlug('social-media-vs-social-networking')).toBe(true);
    for (const bad of ['', 'A', 'a--b', '-a', 'a-', 'a_b', 'a b']) expect(isValidSlug(bad), bad).toBe(false);
  });
});
