/** The engine's public surface, shared by the add-in, the CLI and the preview. */
export * from './grid';
export * from './engine';
export * from './options';
export type { Form, Field, IndicatorRow, SheetResult } from './form/model';
export type { Finding, Fix, Severity, Locale } from './rules/types';
export { RULES, RULE_IDS } from './rules/registry';
export { MESSAGES, ruleTitle } from './rules/messages';
export { parseValueText, parseCell, type ParsedValue } from './values';
export { checkCharacter, isValidCode, normaliseCode } from './projectCode';
