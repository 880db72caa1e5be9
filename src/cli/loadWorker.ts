/**
 * The worker thread of workers.ts: says it is ready once its modules are loaded, then opens the files it
 * is sent with loadWorkbook and posts back each Loaded result (plain data, structured-cloned) or, for an
 * unexpected exception, its text. Run from the compiled dist/cli/loadWorker.js.
 */
import { parentPort } from 'worker_threads';
import { loadWorkbook } from './loadWorkbook';
import type { WorkerReply } from './workers';

const port = parentPort;
if (port) {
  port.on('message', async ({ id, file }: { id: number; file: string }) => {
    let reply: WorkerReply;
    try {
      reply = { id, loaded: await loadWorkbook(file) };
    } catch (e) {
      reply = { id, failed: String((e as Error)?.stack ?? e) };
    }
    port.postMessage(reply);
  });
  // Modules loaded: ready for files.
  port.postMessage({ ready: true } satisfies WorkerReply);
}
