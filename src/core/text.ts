/**
 * Text normalisation shared by every reader of cell text. NFKC folds full-width
 * forms (（）：％＞＝, full-width digits and the ideographic space) to ASCII.
 */
const WHITESPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/** Characters NFKC leaves alone: ASCII, CJK ideographs and the punctuation forms use. Most cells are only these. */
// eslint-disable-next-line no-control-regex -- the range starts at NUL on purpose: all of ASCII is stable
const NFKC_STABLE = /^[\x00-\x7f\u4e00-\u9fff\u3001\u3002\u2014\u2018\u2019\u201c\u201d\u2264\u2265\u3008-\u3011\u3014\u3015\u00b7]*$/;

function nfkc(s: string): string {
  return NFKC_STABLE.test(s) ? s : s.normalize('NFKC');
}

/**
 * How much text a cache keeps: entries, and characters of their keys (a few huge cells must not stay held, with
 * their normalised copies, for as long as the add-in runs; issue 11).
 */
const CACHE_ENTRIES = 20_000;
const CACHE_CHARS = 4_000_000;

/** Memoise a function of a string; forms repeat the same labels and values endlessly. Results are shared, never changed. */
export function memo<T>(fn: (s: string) => T, entries = CACHE_ENTRIES): (s: string) => T {
  const cache = new Map<string, T>();
  let chars = 0;
  return (s: string) => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T; // undefined is an answer too (no label kind)
    const r = fn(s);
    if (cache.size > entries || chars > CACHE_CHARS) {
      cache.clear();
      chars = 0;
    }
    cache.set(s, r);
    chars += s.length;
    return r;
  };
}

/**
 * A lookup table's own entry for a text, never a member of Object.prototype: a cell may read "constructor" or
 * "toString", which `table[text]` and `text in table` would take for an entry.
 */
export function ownEntry<T>(table: Record<string, T>, text: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, text) ? table[text] : undefined;
}

/** Display text, NFKC-folded and trimmed; inner spaces kept. */
export const normText = memo((s: string) => nfkc(s).replace(/\r\n?/g, '\n').trim());

/** A label as compared against the known labels: folded, every space and line break removed. */
export const normLabel = memo((s: string) => nfkc(s).replace(WHITESPACE, ''));

export function hasInnerSpace(s: string, includeLineBreaks: boolean): boolean {
  const t = s.trim();
  return includeLineBreaks ? /[\s\u00a0\u3000]/.test(t) : /[ \t\u00a0\u3000]/.test(t);
}

export function removeSpaces(s: string, includeLineBreaks: boolean): string {
  return includeLineBreaks ? s.replace(/[\s\u00a0\u3000]+/g, '') : s.replace(/[ \t\u00a0\u3000]+/g, '').trim();
}

/** Text with punctuation and spaces stripped, for "is this the same sentence" comparisons. */
export function essence(s: string): string {
  return normLabel(s).replace(/[\p{P}\p{S}]/gu, '');
}

export function isBlank(s: string | undefined): boolean {
  return !s || normLabel(s) === '';
}
