/** Writing an output file so that it is either the old file or the whole new one, never half of one. */
import { promises as fs } from 'fs';
import path from 'path';
import { randomBytes } from 'crypto';

/** `write` fills a temporary file beside `file`, which is then renamed over it; on failure the temporary file goes. */
export async function replaceFile(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await write(tmp);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** Whether anything (a file, a folder, a link, even a broken one) is at `p`: an output there is kept unless --force. */
export async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}
