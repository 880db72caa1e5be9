/**
 * `goalsheet check --format sarif`: the report as a SARIF 2.1.0 log, for code-scanning dashboards and
 * other tools that read static-analysis results.
 *
 * One run. tool.driver is goalsheet at the package's version, with every rule of the catalogue
 * (docs/rules.md) in catalogue order: id, the Chinese title (short), Chinese and English title (full),
 * the default severity as defaultConfiguration.level (error → error, warning → warning, info → note).
 * Each finding is a result: ruleId and ruleIndex, the severity it was reported with, the message, the
 * workbook as an artifact (a relative URI where the file is under the working folder, else a file: URI)
 * and the cell as a logical location `sheet!cell` of kind "cell". No region: a workbook is not text,
 * lines and columns of the file would mean nothing. A fix is in the result's property bag.
 * A file that could not be read is a toolExecutionNotification (level error) of the run's invocation.
 * Strings are the text as read; characters JSON.stringify leaves raw (C1, bidi controls) are \u-escaped.
 */
import path from 'path';
import { pathToFileURL } from 'url';
import type { Locale, Severity } from '../../core/rules/types';
import { MESSAGES } from '../../core/rules/messages';
import { RULES } from '../../core/rules/registry';
import type { FileReport } from '../report';
import { jsonPrintable } from '../output';
import { packageVersion } from '../version';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

export const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * A file's path as a URI reference: relative (segments percent-encoded, forward slashes) where the file
 * is under `base`, else an absolute file: URI.
 */
export function fileUri(file: string, base: string = process.cwd()): string {
  const abs = path.resolve(base, file);
  const rel = path.relative(base, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).map(encodeURIComponent).join('/');
  return pathToFileURL(abs).href;
}

/** A sheet-qualified cell as Excel writes it: 项目1!E18, or 'My sheet'!E18 where the name needs quoting. */
export function qualifiedCell(sheet: string, cell: string): string {
  const plain = /^[\p{L}\p{N}_.]+$/u.test(sheet) && !/^\d/.test(sheet);
  return `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${cell}`;
}

export interface SarifOptions {
  locale?: Locale;
  /** The folder file URIs are relative to (the working folder). */
  base?: string;
  /** The run's exit code, recorded in the invocation. */
  exitCode?: number;
}

export function toSarif(files: FileReport[], options: SarifOptions = {}): string {
  const locale = options.locale ?? 'zh-CN';
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const rules = RULES.map((r) => {
    const [zh, en] = MESSAGES[r.meta.id]?.title ?? [r.meta.id, r.meta.id];
    return {
      id: r.meta.id,
      shortDescription: { text: zh },
      fullDescription: { text: `${zh} / ${en}` },
      defaultConfiguration: { level: LEVEL[r.meta.severity] },
    };
  });
  const artifacts: { location: { uri: string } }[] = [];
  const artifactIndex = new Map<string, number>();
  const artifact = (file: string) => {
    let i = artifactIndex.get(file);
    if (i === undefined) {
      i = artifacts.length;
      artifactIndex.set(file, i);
      artifacts.push({ location: { uri: fileUri(file, options.base) } });
    }
    return { uri: artifacts[i].location.uri, index: i };
  };

  const results: unknown[] = [];
  const notifications: unknown[] = [];
  for (const f of files) {
    const artifactLocation = artifact(f.file);
    if (f.error !== undefined) {
      notifications.push({
        level: 'error',
        message: { text: locale === 'en' ? `cannot be read: ${f.error}` : `无法读取：${f.error}` },
        locations: [{ physicalLocation: { artifactLocation } }],
      });
      continue;
    }
    for (const x of f.findings) {
      const index = ruleIndex.get(x.ruleId);
      results.push({
        ruleId: x.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[x.severity],
        message: { text: x.message },
        locations: [
          {
            physicalLocation: { artifactLocation },
            logicalLocations: [{ name: x.cell, fullyQualifiedName: qualifiedCell(x.sheet, x.cell), kind: 'cell' }],
          },
        ],
        ...(x.fix ? { properties: { fix: x.fix } } : {}),
        // SARIF's own word for a finding accepted with a reason: the unit's 忽略 kept in the file, or a baseline.
        ...(x.dismissed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: x.dismissed.reason }] } : {}),
      });
    }
  }

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'goalsheet',
            fullName: '绩效目标表助手 goalsheet',
            version: packageVersion(),
            semanticVersion: packageVersion(),
            language: locale,
            rules,
          },
        },
        language: locale,
        invocations: [
          {
            executionSuccessful: true,
            ...(options.exitCode !== undefined ? { exitCode: options.exitCode } : {}),
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        artifacts,
        results,
      },
    ],
  };
  return jsonPrintable(JSON.stringify(log, null, 2));
}
