import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGitHubClient, type GitHubClientOptions } from '../../scripts/pin/github.ts';
import { parseActionRef, type ActionRef } from '../../scripts/lock/lock.ts';
import type { UsedRef } from '../../scripts/pin/types.ts';
import type { FakeGitHub } from '../fake-github/server.ts';

/** A client against the fake with waits shrunk: one "second" of retry-after is 2 ms. */
export function testClient(fake: FakeGitHub, opts: Partial<GitHubClientOptions> = {}) {
  return createGitHubClient({
    apiUrl: fake.url,
    secondMs: 2,
    timeoutMs: 2000,
    retries: 3,
    ...opts,
  });
}

export function ref(uses: string): ActionRef {
  const r = parseActionRef(uses);
  if (!r) throw new Error(`bad ref in test: ${uses}`);
  return r;
}

/** UsedRefs as the compiler would report them, one per line of a pretend source file. */
export function used(...uses: string[]): UsedRef[] {
  return uses.map((u, i) => ({
    ref: ref(u),
    file: 'workflows-src/ci.ts',
    path: `jobs.build.steps[${i}].uses`,
    line: 10 + i,
  }));
}

export async function tempDir(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pin-test-'));
  for (const [p, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, p)), { recursive: true });
    await writeFile(join(dir, p), text);
  }
  return dir;
}

/** Every file under dir with its bytes, to prove a failed run changed nothing. */
export async function snapshotDir(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out[p.slice(dir.length + 1)] = (await readFile(p)).toString('base64');
  }
  return out;
}

export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });
