/** The 一键校验 summary dialog's query (src/commands/summary.ts reads it), from a validation: the same from Excel's ribbon and WPS's. */
import type { ValidationResult } from '../core/hostRun';

export function summaryParams(result: ValidationResult, lang: 'zh' | 'en'): Record<string, string> {
  const count = (s: string) => String(result.findings.filter((f) => f.severity === s).length);
  return { lang, forms: String(result.forms.length), errors: count('error'), warnings: count('warning'), infos: count('info'), protected: result.protectedSheets.join('、') };
}
