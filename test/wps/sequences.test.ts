/** The WPS adapter under the same random sequences as Excel's (test/helpers/sequences.ts), through the ET host. */
import { RECORD_KEY } from '../../src/core/markRecord';
import { EtHost } from '../../src/host/et';
import { wpsPaneHost } from '../../src/wps/paneHost';
import { readSettings, SETTINGS_SHEET } from '../../src/wps/settings';
import { sequencesEndClean } from '../helpers/sequences';

test('WPS: after any sequence of validations, a person\'s edits, rows, renames, moves, copies, protection, deletion, reopening and fixes, Clear leaves no mark and every change', async () => {
  await sequencesEndClean((book) => {
    let host = new EtHost(book);
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
  }, Number(process.env.SEQ_RUNS ?? 150));
}, 120_000);
