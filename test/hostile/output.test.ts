/**
 * 文字输出中什么都不执行 / nothing executes in text output: cell text, sheet and file names that carry
 * terminal escapes, newlines, C1 controls and bidi overrides are shown escaped, one finding per line,
 * with colour and without, from synthetic findings and from a crafted .xlsx.
 */
import path from 'path';
import ExcelJS from 'exceljs';
import { toJson, toText, type FileReport } from '../../src/cli/report';
import { printable } from '../../src/cli/output';
import type { Summary } from '../../src/core/engine';
import type { Finding } from '../../src/core/rules/types';
import { layoutForm } from '../../src/core/layout';
import { writeSpec } from '../../src/cli/writeXlsx';
import { cleanForm, clone, tempDir } from '../helpers/forms';
import { run } from '../helpers/cli';

/** What the reports name in the issue: erase a line and move up, retitle the terminal, CSI as C1, a forged line, a bidi override. */
const HOSTILE = ['\x1b[2K\x1b[1A', '\x1b]0;pwned\x07', '\u009b31m', '\n全部通过', '\u202e'];
const ALL = HOSTILE.join('|');

/** Our own colour codes: the only escapes a report may hold. */
// eslint-disable-next-line no-control-regex
const OUR_COLOURS = /\x1b\[(?:0|1|2|31|33|36)m/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The report with our colour codes taken out has no control character but the newline between lines. */
function expectInert(out: string) {
  const plain = out.replace(OUR_COLOURS, '');
  const bad = [...plain].filter((ch) => CONTROL.test(ch)).map((ch) => `U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
  expect(bad).toEqual([]);
  for (const line of plain.split('\n')) expect(line).not.toMatch(/^\s*全部通过/);
  return plain;
}

const summary: Summary = { files: 1, forms: 1, errors: 2, warnings: 1, infos: 1, unrecognised: 0 };

function finding(ruleId: string, severity: Finding['severity'], message: string, sheet: string, cell = 'E10'): Finding {
  return { ruleId, severity, sheet, cell, message, workbook: 'w', form: 0 };
}

describe('printable() 把不可信文字变成一行可见文字 / printable() makes untrusted text one visible line', () => {
  // Titles name the characters: the raw ones would act on the terminal running the tests.
  test.each([
    ['ESC：擦除行、上移 / erase line, cursor up', '\x1b[2K\x1b[1A', '\\x1b[2K\\x1b[1A'],
    ['OSC 改终端标题 / retitle the terminal', '\x1b]0;pwned\x07', '\\x1b]0;pwned\\x07'],
    ['C1 CSI', '\u009b31m', '\\x9b31m'],
    ['换行伪造一行 / a newline forging a line', '\n全部通过', '\\n全部通过'],
    ['制表、回车 / tab, carriage return', 'a\tb\rc', 'a\\tb\\rc'],
    ['双向控制 / bidi overrides and isolates', '\u202e甲\u202a\u2066\u2069', '\\u202e甲\\u202a\\u2066\\u2069'],
    ['NUL、DEL、NEL、行/段分隔符 / NUL, DEL, NEL, line and paragraph separators', '\u0000\u007f\u0085\u2028\u2029', '\\x00\\x7f\\x85\\u2028\\u2029'],
    ['孤立代理项 / an unpaired surrogate', '孤\ud800立', '孤\ufffd立'],
    ['普通文字不变 / ordinary text unchanged', '≥95%、𠀀 Ω 中文 text', '≥95%、𠀀 Ω 中文 text'],
  ])('%s', (_, raw, shown) => {
    expect(printable(raw)).toBe(shown);
  });
});

describe('合成的问题 / synthetic findings, straight into the report', () => {
  const sheet = `项目${HOSTILE[1]}\n1`;
  const report: FileReport = {
    file: `/tmp/收到${HOSTILE[0]}的表\n.xlsx`,
    sheets: [{ name: sheet, status: 'checked', forms: 1 }, { name: `说明${HOSTILE[4]}`, status: 'skipped', forms: 0 }],
    forms: [],
    findings: [
      finding('VAL-003', 'error', `指标值“${ALL}”无法识别`, sheet),
      ...HOSTILE.map((h, i) => finding('VAL-009', i % 2 ? 'warning' : 'error', `三级指标“质控${h}”中含有空格`, sheet, `C${11 + i}`)),
      finding('NAME-001', 'info', `项目名称\r\n全部通过\t${HOSTILE[2]}`, sheet, 'D3'),
    ],
  };
  const unreadable: FileReport = { file: `坏${HOSTILE[3]}.xlsx`, sheets: [], forms: [], findings: [], error: `文件已损坏，无法打开 / the file is corrupt: ${ALL}` };

  test.each([false, true])('一条问题一行 / one line per finding, colour: %s', (colour) => {
    const out = toText([report, unreadable], summary, 'zh-CN', colour);
    const plain = expectInert(out);
    const lines = plain.split('\n');
    // file, sheet, 7 findings, skipped sheet, unreadable file and its reason, blank, total, and the final newline.
    expect(lines).toHaveLength(1 + 1 + 7 + 1 + 2 + 1 + 1 + 1);
    expect(lines[0]).toBe('/tmp/收到\\x1b[2K\\x1b[1A的表\\n.xlsx');
    expect(lines[1]).toBe('  项目\\x1b]0;pwned\\x07\\n1  (1 张表)');
    const findings = lines.filter((l) => l.startsWith('    '));
    expect(findings).toHaveLength(report.findings.length);
    expect(findings[0]).toBe('    E10  错误  VAL-003     指标值“\\x1b[2K\\x1b[1A|\\x1b]0;pwned\\x07|\\x9b31m|\\n全部通过|\\u202e”无法识别');
    expect(findings[6]).toBe('    D3   提示  NAME-001    项目名称\\r\\n全部通过\\t\\x9b31m');
    expect(lines[9]).toBe('  说明\\u202e  已跳过：没有绩效目标表');
    expect(lines[11]).toBe('  ✗ 无法读取：文件已损坏，无法打开 / the file is corrupt: \\x1b[2K\\x1b[1A|\\x1b]0;pwned\\x07|\\x9b31m|\\n全部通过|\\u202e');
    if (colour) {
      expect(out).toContain('\x1b[31m错误\x1b[0m');
      expect(out).toContain('\x1b[1m/tmp/收到\\x1b[2K');
    } else expect(out).not.toContain('\x1b');
  });

  test('JSON 保留原文，只是转义 / JSON keeps the text as read, escaped', () => {
    const json = toJson([report, unreadable], summary);
    expect(json).not.toMatch(CONTROL);
    const doc = JSON.parse(json);
    expect(doc.files[0].findings[0].message).toBe(`指标值“${ALL}”无法识别`);
    expect(doc.files[0].file).toBe(report.file);
    expect(doc.files[1].error).toBe(unreadable.error);
  });
});

describe('用 exceljs 构造的工作簿 / a crafted workbook, through goalsheet check', () => {
  /** How a crafted file carries controls: exceljs turns _xHHHH_ back into the character when it reads. */
  const encoded = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => (ch === '\n' ? ch : `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)); // eslint-disable-line no-control-regex

  async function crafted(): Promise<string> {
    const dir = await tempDir();
    const f = clone(cleanForm());
    f.indicators[0].value = `≥120${encoded(ALL)}`;
    f.indicators[1].l3 = `质控${encoded(ALL)}`;
    f.indicators[2].value = encoded(HOSTILE[1]);
    f.indicators[4].value = encoded(HOSTILE[3]);
    f.indicators[5].value = HOSTILE[4] + '≤12月底';
    const wb = new ExcelJS.Workbook();
    writeSpec(wb.addWorksheet('项目1'), layoutForm(f));
    // On POSIX a file name may itself hold an escape and a newline.
    const name = process.platform === 'win32' ? 'crafted.xlsx' : `crafted${HOSTILE[1]}\n全部通过.xlsx`;
    const file = path.join(dir, name);
    await wb.xlsx.writeFile(file);
    return file;
  }

  test.each([
    ['没有颜色（管道） / piped, no colour', [], false],
    ['--no-color，终端 / --no-color on a terminal', ['--no-color'], true],
    ['有颜色，终端 / colour on a terminal', [], true],
  ] as const)('%s', async (_, flags, tty) => {
    const file = await crafted();
    const doc = JSON.parse((await run(['check', file, '--format', 'json'], false)).out);
    const messages: string[] = doc.files[0].findings.map((f: { message: string }) => f.message);
    // The controls really reached the findings: exceljs decoded them.
    expect(messages.some((m) => m.includes('\x1b]0;pwned\x07'))).toBe(true);
    expect(messages.some((m) => m.includes('\n全部通过'))).toBe(true);
    expect(messages.some((m) => m.includes('\u202e'))).toBe(true);

    const r = await run(['check', file, ...flags], tty);
    const plain = expectInert(r.out);
    if (tty && !flags.length) expect(r.out).toContain('\x1b[31m');
    else expect(r.out).not.toContain('\x1b');
    const lines = plain.split('\n');
    expect(lines[0]).toBe(printable(file));
    expect(lines.filter((l) => l.startsWith('    '))).toHaveLength(messages.length);
    for (const m of messages) expect(plain).toContain(`  ${printable(m)}\n`);
    expect(plain).toContain('\\x1b]0;pwned\\x07');
    expect(r.code).toBe(doc.summary.errors > 0 ? 1 : 0);
  });
});
