/**
 * 项目编码 (预算管理一体化 project code): shape and check character, as worked
 * out in docs/project-code.md. The check is inferred, not quoted from a
 * standard, so findings say what was expected and the rule can be switched off.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const SHAPE = /^\d{8}P\d{11}[0-9A-HJ-NPQRTUWXY]$/;

/** What a person probably meant: full-width folded, spaces removed, upper case. */
export function normaliseCode(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '').toUpperCase();
}

export function hasCodeShape(code: string): boolean {
  return SHAPE.test(code);
}

/** The check character for a 20-character body; undefined when the body holds a character outside the alphabet. */
export function checkCharacter(body: string): string | undefined {
  let s = 0;
  let weight = 1;
  for (let i = 0; i < body.length; i++) {
    const v = ALPHABET.indexOf(body[i]);
    if (v < 0) return undefined;
    s = (s + v * weight) % 31;
    weight = (weight * 3) % 31;
  }
  return ALPHABET[(30 - s + 31) % 31];
}

export function isValidCode(code: string): boolean {
  return hasCodeShape(code) && checkCharacter(code.slice(0, 20)) === code[20];
}

/** What a code typed so far amounts to, for checking as the user types and for completing the check character. */
export type CodeStatus =
  | { state: 'empty' }
  | { state: 'partial'; typed: number }
  | { state: 'completable'; code: string }
  | { state: 'valid'; code: string }
  | { state: 'wrongCheck'; code: string; expected: string }
  | { state: 'badShape' };

const BODY_PREFIX = /^\d{0,8}$|^\d{8}P\d{0,11}$/;

export function codeStatus(text: string): CodeStatus {
  const code = normaliseCode(text);
  if (!code) return { state: 'empty' };
  if (code.length === 20 && BODY_PREFIX.test(code)) {
    const check = checkCharacter(code);
    return check ? { state: 'completable', code: code + check } : { state: 'badShape' };
  }
  if (code.length < 20) return BODY_PREFIX.test(code) ? { state: 'partial', typed: code.length } : { state: 'badShape' };
  if (!hasCodeShape(code)) return { state: 'badShape' };
  const expected = checkCharacter(code.slice(0, 20)) as string;
  return expected === code[20] ? { state: 'valid', code } : { state: 'wrongCheck', code, expected };
}
