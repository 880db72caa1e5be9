/** The WPS adapter under the same random sequences as Excel's (test/helpers/sequences.ts), through the ET host. */
import { RECORD_KEY } from '../../src/core/markRecord';
import { EtHost, type EtFixtures } from '../../src/host/et';
import { wpsPaneHost } from '../../src/wps/paneHost';
import { readSettings, SETTINGS_SHEET } from '../../src/wps/settings';
import { sequencesEndClean } from '../helpers/sequences';

test.each<[string, Partial<EtFixtures>, number]>([
  ['documented defaults', {}, 150],
  ['flat Value2, null empties, methods, own writes raising SheetChange later', { value2: 'flat', empty: null, methods: true, ownWrites: 'later' }, 50],
  ['no FormatConditions, empty cells as "", own writes raising SheetChange at once', { formatConditions: false, empty: '', ownWrites: 'sync' }, 50],
])('WPS (%s): after any sequence of validations, a person\'s edits, rows, renames, moves, copies, protection, deletion, reopening and fixes, Clear leaves no mark and every change', async (_, fixtures, runs) => {
  await sequencesEndClean((book) => {
    let host = new EtHost(book, fixtures);
    let pane = wpsPaneHost(host.app);
    return {
      get data() {
        return host.data;
      },
      validate: () => pane.validate('all', {}),
      clear: () => pane.clear(),
      applyFixes: (fixes) => pane.applyFixes(fixes),
      reopen: () => {
        host = host.reopen();
        pane = wpsPaneHost(host.app);
      },
      record: () => {
        const s = readSettings(host.app).get(RECORD_KEY);
        return s && 'value' in s ? s.value : undefined;
      },
      own: (s) => s.name === SETTINGS_SHEET && s.visibility === 'VeryHidden',
    };
  }, Number(process.env.SEQ_RUNS ?? runs));
}, 120_000);
