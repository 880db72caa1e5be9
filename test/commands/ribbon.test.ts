/**
 * @jest-environment jsdom
 */
/** The ribbon's 一键校验, run against the in-memory host through the Office and Excel globals it uses. */
import { ExcelHost } from '../../src/host/excel';
import { SEVERITY_FILL } from '../../src/core/marks';
import { displayedFill } from '../../src/host/edits';
import { hostWith, seedBook } from '../helpers/seed';

function installOffice(host: ExcelHost, dialogs = true) {
  const commands = new Map<string, (e: { completed: () => void }) => Promise<void>>();
  const opened: string[] = [];
  const handlers = new Map<string, () => void>();
  Object.assign(globalThis, {
    // The Excel namespace as Office.js defines it: run, and a class per API the loaded library implements.
    Excel: Object.fromEntries([
      ['run', (batch: (c: unknown) => Promise<unknown>) => host.run((c) => batch(c))],
      ...['RangeAreas', 'NoteCollection'].filter((n) => host.hasApi(n)).map((n) => [n, class {}]),
    ]),
    Office: {
      onReady: (cb: () => void) => cb(),
      actions: { associate: (id: string, fn: (e: { completed: () => void }) => Promise<void>) => commands.set(id, fn) },
      AsyncResultStatus: { Succeeded: 'succeeded' },
      EventType: { DialogMessageReceived: 'message', DialogEventReceived: 'event' },
      context: {
        displayLanguage: 'zh-CN',
        requirements: { isSetSupported: (n: string, v: string) => (n === 'DialogApi' ? dialogs : host.isSetSupported(n, v)) },
        ui: {
          displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
            opened.push(url);
            cb({ status: 'succeeded', value: { addEventHandler: (t: string, h: () => void) => handlers.set(t, h), close: () => undefined } });
          },
        },
      },
    },
  });
  return { commands, opened, handlers };
}

test('一键校验 marks the workbook and shows the summary; the command completes when the dialog closes', async () => {
  const host = hostWith();
  const { commands, opened, handlers } = installOffice(host);
  jest.isolateModules(() => require('../../src/commands/commands'));
  const completed = jest.fn();
  await commands.get('validateWorkbook')!({ completed });
  expect(Object.keys(host.sheet('政务联络经费')!.notes)).toContain('E18');
  const url = new URL(opened[0]);
  expect(Object.fromEntries(url.searchParams)).toMatchObject({ forms: '11', errors: '10', warnings: '6', infos: '13', lang: 'zh' });
  expect(completed).not.toHaveBeenCalled();
  handlers.get('message')!();
  expect(completed).toHaveBeenCalledTimes(1);
});

test('without dialogs the command still marks and completes', async () => {
  const host = hostWith();
  const { commands, opened } = installOffice(host, false);
  jest.isolateModules(() => require('../../src/commands/commands'));
  const completed = jest.fn();
  await commands.get('validateWorkbook')!({ completed });
  expect(opened).toEqual([]);
  expect(completed).toHaveBeenCalledTimes(1);
  expect(host.data.settings['goalsheet.marks']).toBeDefined();
});

test('OFFICE_JS=local on an Excel that reports ExcelApi 1.18: the library has no notes API, so 一键校验 marks without notes instead of failing', async () => {
  // @microsoft/office-js's excel-win32-16.01.js defines Excel.RangeAreas but no Excel.NoteCollection.
  const host = new ExcelHost(seedBook(), { missingApis: ['NoteCollection'] });
  const { commands, opened } = installOffice(host);
  jest.isolateModules(() => require('../../src/commands/commands'));
  await commands.get('validateWorkbook')!({ completed: jest.fn() });
  expect(Object.keys(host.sheet('政务联络经费')!.notes)).toEqual([]);
  expect(displayedFill(host.sheet('政务联络经费')!, 17, 4)).toBe(SEVERITY_FILL.error);
  expect(Object.fromEntries(new URL(opened[0]).searchParams)).toMatchObject({ forms: '11', errors: '10' });
});
