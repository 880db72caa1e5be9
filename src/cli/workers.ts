/**
 * Reading many workbooks on several cores. Opening a file (unzip, XML, exceljs) is most of the time of
 * `goalsheet check` over a folder; it is done in a pool of worker_threads (loadWorker.ts), each returning
 * the file's Loaded result (grids, plain data) to the main thread, which reads the forms and runs the
 * rules over all of them as before — CODE-004 needs every form of the run in one place.
 *
 * Used by default when there are at least MIN_FILES files to open and at least MIN_CPUS CPUs
 * (os.availableParallelism()): one worker per CPU but one (the main thread opens files too, see Pool),
 * at most MAX_WORKERS. GOALSHEET_WORKERS=N sets the number whatever the machine (0: this thread only).
 * Results come back in the order of the files, whatever order the workers finish in, and at most a few
 * files per worker are read ahead of the one the main thread waits for.
 *
 * Why not on two CPUs: each worker costs about 0.3 s of CPU to start (its own exceljs, its own JIT
 * warm-up), and on the project's 2-core machine, busy with other work, 500 single-form workbooks took
 * 2.8–3.7 s with 2 workers and 2.3–3.0 s with 1, against 1.9–2.4 s without (scripts/bench.js, bulk.*).
 *
 * The worker is the compiled dist/cli/loadWorker.js. Where it is missing — running from the TypeScript
 * sources (ts-jest) — files are read in this thread: same results, one core.
 */
import { existsSync } from 'fs';
import os from 'os';
import path from 'path';
import { Worker } from 'worker_threads';
import { loadWorkbook, type Loaded } from './loadWorkbook';

export const MIN_FILES = 8;
export const MIN_CPUS = 3;
export const MAX_WORKERS = 8;
/** Files handed to the pool ahead of the one the main thread is waiting for, per worker. */
const AHEAD = 4;
/** Each worker's young generation (MB): see Pool.spawn. */
const YOUNG_MB = 48;

export const WORKER_FILE = path.join(__dirname, 'loadWorker.js');

/** What a worker posts back for one file. */
export type WorkerReply = { ready: true } | { id: number; loaded: Loaded } | { id: number; failed: string };

/** How many workers a run over `files` files uses: 0 reads in this thread. */
export function workerCount(files: number, env: Record<string, string | undefined> = process.env, cpus = availableCpus(), workerFile = WORKER_FILE): number {
  const asked = env.GOALSHEET_WORKERS;
  if (asked !== undefined && asked.trim() !== '') {
    const n = Number(asked);
    if (!Number.isInteger(n) || n < 0) return 0;
    return n === 0 || !existsSync(workerFile) ? 0 : Math.min(n, MAX_WORKERS, files);
  }
  if (files < MIN_FILES || cpus < MIN_CPUS || !existsSync(workerFile)) return 0;
  return Math.min(cpus - 1, MAX_WORKERS);
}

function availableCpus(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

interface Task {
  id: number;
  file: string;
  resolve: (l: Loaded) => void;
  reject: (e: Error) => void;
}

/**
 * A fixed set of workers taking tasks from one queue, lowest file first. A worker takes tasks once it has
 * started (posted `ready`: its modules loaded, a few hundred ms); until then — and whenever the main thread
 * waits for a file no worker has taken — the main thread opens that file itself (steal), so starting the
 * pool costs no waiting. A worker that dies fails its task (only) and is replaced; one that fails to start is not.
 */
class Pool {
  private readonly queue: Task[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly idle: Worker[] = [];
  private readonly starting = new Set<Worker>();
  private closed = false;

  constructor(
    size: number,
    private readonly workerFile: string,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  private spawn(): void {
    // A worker's young generation is small by default: opening a file makes much short-lived garbage, and
    // with the default a worker reads at about half the speed of the main thread.
    const w = new Worker(this.workerFile, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
    w.unref();
    this.starting.add(w);
    w.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        if (this.starting.delete(w)) this.idle.push(w);
        this.next();
        return;
      }
      const task = this.busy.get(w);
      if (!task || task.id !== reply.id) return;
      this.busy.delete(w);
      if ('loaded' in reply) task.resolve(reply.loaded);
      else task.reject(new Error(reply.failed));
      this.idle.push(w);
      this.next();
    });
    const lost = (why: string) => {
      // A worker that never started is not replaced (its replacement would fail the same way): the main
      // thread opens the files instead (steal).
      const started = !this.starting.delete(w) && (this.busy.has(w) || this.idle.includes(w));
      const task = this.busy.get(w);
      this.busy.delete(w);
      const at = this.idle.indexOf(w);
      if (at >= 0) this.idle.splice(at, 1);
      if (task) task.reject(new Error(why));
      if (started && !this.closed) this.spawn();
    };
    w.on('error', (e) => lost(String(e?.stack ?? e)));
    w.on('exit', (code) => lost(`worker exited (${code})`));
  }

  run(id: number, file: string): Promise<Loaded> {
    return new Promise<Loaded>((resolve, reject) => {
      this.queue.push({ id, file, resolve, reject });
      this.next();
    });
  }

  /** The task for file `id` if no worker has taken it yet: the caller runs it. */
  steal(id: number): Task | undefined {
    const at = this.queue.findIndex((t) => t.id === id);
    return at >= 0 ? this.queue.splice(at, 1)[0] : undefined;
  }

  private next(): void {
    while (!this.closed && this.queue.length && this.idle.length) {
      const w = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(w, task);
      w.postMessage({ id: task.id, file: task.file });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.starting, ...this.idle, ...this.busy.keys()];
    this.starting.clear();
    this.idle.length = 0;
    for (const t of this.busy.values()) t.reject(new Error('pool closed'));
    this.busy.clear();
    for (const t of this.queue.splice(0)) t.reject(new Error('pool closed'));
    await Promise.all(all.map((w) => w.terminate()));
  }
}

/** The files of a run, opened in order: in this thread, or by a pool reading a few files ahead. */
export interface Loader {
  /** Workers in use (0: this thread). */
  readonly workers: number;
  /** The Loaded result of files[i]; throws when opening it failed unexpectedly (a bug, or a worker that died). */
  load(i: number): Promise<Loaded>;
  close(): Promise<void>;
}

/**
 * A loader over `files` (undefined for a path that is not opened at all). `workers` is how many threads
 * to use (see workerCount). For tests: `load` replaces loadWorkbook in this thread, `steal: false` leaves
 * every file to the workers.
 */
export function loader(
  files: (string | undefined)[],
  workers: number,
  options: { workerFile?: string; load?: (file: string) => Promise<Loaded>; steal?: boolean } = {},
): Loader {
  const loadHere = options.load ?? loadWorkbook;
  if (workers <= 0) {
    return { workers: 0, load: (i) => loadHere(files[i]!), close: async () => undefined };
  }
  const pool = new Pool(workers, options.workerFile ?? WORKER_FILE);
  const started = new Map<number, Promise<Loaded>>();
  let dispatched = 0;
  const ahead = workers * AHEAD;
  const dispatch = (upTo: number) => {
    for (; dispatched < Math.min(upTo, files.length); dispatched++) {
      const file = files[dispatched];
      if (file === undefined) continue;
      const p = pool.run(dispatched, file);
      p.catch(() => undefined); // awaited (and reported) when its turn comes
      started.set(dispatched, p);
    }
  };
  return {
    workers,
    load(i) {
      dispatch(i + 1 + ahead);
      const p = started.get(i);
      started.delete(i);
      if (!p) return loadHere(files[i]!);
      // Not taken by a worker yet (they are starting, or all busy): opened here rather than waited for.
      const mine = options.steal === false ? undefined : pool.steal(i);
      if (mine) loadHere(mine.file).then(mine.resolve, mine.reject);
      return p;
    },
    close: () => pool.close(),
  };
}

/** The reason shown for a file whose check failed unexpectedly (a bug, a worker that died): one line, the run goes on. */
export function internalError(e: unknown): string {
  const text = String((e as Error)?.message ?? e).split('\n')[0];
  return `内部错误，此文件未检查 / internal error, this file was not checked: ${text}`;
}
