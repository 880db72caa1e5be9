/**
 * Text normalisation shared by every reader of cell text. NFKC folds full-width
 * forms (（）：％＞＝, full-width digits and the ideographic space) to ASCII.
 */
const WHITESPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/** Display text, NFKC-folded and trimmed; inner spaces kept. */
export function normText(s: string): string {
  return s.normalize('NFKC').replace(/\r\n?/g, '\n').trim();
}

/** A label as compared against the known labels: folded, every space and line break removed. */
export function normLabel(s: string): string {
  return s.normalize('NFKC').replace(WHITESPACE, '');
}

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
