/** The Excel adapter under random sequences of a person's changes, saves and fixes (test/helpers/sequences.ts). */
import { applyFixes } from '../../src/excel/actions';
import { clearMarks, RECORD_KEY } from '../../src/excel/marks';
import { hostSupport, validateWorkbook } from '../../src/excel/validate';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { sequencesEndClean } from '../helpers/sequences';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;

test('after any sequence of validations, edits, row inserts and deletes, renames, moves, copies, protection, deletion, reopening and fixes, Clear leaves no mark and every change', async () => {
  await sequencesEndClean((book) => {
    const host = new ExcelHost(book);
    return {
      get data() {
        return host.data;
      },
      validate: () => host.run((c) => validateWorkbook(ctx(c), 'all', {}, hostSupport((n, v) => host.isSetSupported(n, v)))),
      clear: () => host.run((c) => clearMarks(ctx(c), true)),
      applyFixes: (fixes) => host.run((c) => applyFixes(ctx(c), fixes)),
      reopen: () => host.reopen(),
      record: () => (host.data.settings[RECORD_KEY] === undefined ? undefined : JSON.parse(host.data.settings[RECORD_KEY] as string)),
      own: () => false,
    };
  }, 150);
}, 120_000);
