import { afterEach, describe, expect, it } from 'vitest';
import { watch } from '../../scripts/compile/watch.ts';
import type { CommandIO } from '../../scripts/core/command.ts';
import { makeProject, sampleLock, type Project } from './project.ts';
import { cleanupSource } from './samples.ts';

let project: Project | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

/** Collects output and waits until it contains a text (bounded). */
function recorder(cwd: string) {
  let out = '';
  const io: CommandIO = {
    cwd,
    env: process.env,
    stdout: (t) => void (out += `${t}\n`),
    stderr: (t) => void (out += `${t}\n`),
    isTTY: false,
    debug: false,
  };
  const until = async (text: string, fromIndex: number) => {
    for (let i = 0; i < 200 && !out.slice(fromIndex).includes(text); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(out.slice(fromIndex)).toContain(text);
  };
  return {
    io,
    until,
    get length() {
      return out.length;
    },
  };
}

describe('gen --watch', () => {
  it('regenerates on save, keeps the previous output on an error, and recovers', async () => {
    project = await makeProject({ 'workflows-src/cleanup.ts': cleanupSource }, sampleLock);
    const rec = recorder(project.dir);
    const stop = new AbortController();
    const done = watch(rec.io, { signal: stop.signal, debounceMs: 50 });
    try {
      await rec.until('watching for changes', 0);
      const first = await project.read('.github/workflows/cleanup.yml');
      expect(first).toContain('name: Cleanup PR cache');

      let mark = rec.length;
      await project.write(
        'workflows-src/cleanup.ts',
        cleanupSource.replace('Cleanup PR cache', 'Renamed'),
      );
      await rec.until('updated .github/workflows/cleanup.yml', mark);
      expect(await project.read('.github/workflows/cleanup.yml')).toContain('name: Renamed');

      mark = rec.length;
      await project.write(
        'workflows-src/cleanup.ts',
        cleanupSource.replace(
          "'runs-on': 'ubuntu-latest',",
          "if: 'a == \"b\"', 'runs-on': 'ubuntu-latest',",
        ),
      );
      await rec.until('previous output kept', mark);
      expect(await project.read('.github/workflows/cleanup.yml')).toContain('name: Renamed');

      mark = rec.length;
      await project.write('workflows-src/cleanup.ts', cleanupSource);
      await rec.until('updated .github/workflows/cleanup.yml', mark);
      expect(await project.read('.github/workflows/cleanup.yml')).toBe(first);
    } finally {
      stop.abort();
      await done;
    }
  });
});
