import { spawn } from 'node:child_process';
import { watch as watchFs, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandIO } from '../core/command.ts';
import { LOCK_PATH } from '../lock/lock.ts';
import { SOURCE_DIR } from './sources.ts';

const CLI = resolve(import.meta.dirname, '../cli.ts');

export interface WatchOptions {
  /** Quiet period after the last change before regenerating. */
  debounceMs?: number;
  /** Stops watching (tests); without it, runs until interrupted. */
  signal?: AbortSignal;
}

/**
 * Regenerates on every change under workflows-src/ or to the lock. Each run is a fresh process:
 * ES modules cannot be unloaded, and a changed building block in workflows-src/lib/ must be
 * re-read by every source that imports it. A run that fails writes nothing, so the previous output
 * stays until the next save fixes the error.
 */
export async function watch(io: CommandIO, opts: WatchOptions = {}): Promise<number> {
  const debounce = opts.debounceMs ?? 150;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const changed = new Set<string>();

  const runOnce = async (): Promise<void> => {
    const files = [...changed].sort();
    changed.clear();
    if (files.length)
      io.stdout(`\n[${new Date().toLocaleTimeString()}] changed: ${files.join(', ')}`);
    await new Promise<void>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'gen'], {
        cwd: io.cwd,
        env: io.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (d: Buffer) => io.stdout(d.toString()));
      child.stderr.on('data', (d: Buffer) => io.stderr(d.toString()));
      child.on('close', (code) => {
        io.stdout(
          code === 0
            ? 'watching for changes…'
            : 'previous output kept; fix the error and save again',
        );
        done();
      });
    });
  };
  const schedule = (file: string): void => {
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) {
        again = true;
        return;
      }
      running = runOnce().finally(async () => {
        running = undefined;
        if (again) {
          again = false;
          schedule('(changes during the last run)');
        }
      });
    }, debounce);
  };

  const watchers: FSWatcher[] = [
    watchFs(
      join(io.cwd, SOURCE_DIR),
      { recursive: true },
      (_e, f) => f && schedule(`${SOURCE_DIR}/${f}`),
    ),
    watchFs(
      join(io.cwd, 'generated'),
      (_e, f) => f && join('generated', f) === LOCK_PATH && schedule(LOCK_PATH),
    ),
  ];
  io.stdout(`watching ${SOURCE_DIR}/ and ${LOCK_PATH} (Ctrl-C to stop)`);
  await runOnce();

  await new Promise<void>((stop) => {
    const end = () => {
      for (const w of watchers) w.close();
      clearTimeout(timer);
      process.off('SIGINT', end);
      stop();
    };
    opts.signal?.addEventListener('abort', end, { once: true });
    process.once('SIGINT', end);
  });
  await running;
  return 0;
}
