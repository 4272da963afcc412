import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as prettier from 'prettier';
import { generate as generateOnce, type GenerateOptions } from '../../scripts/compile/generate.ts';

// Each run re-imports the sources: these tests rewrite them between runs in one process.
let runs = 0;
const generate = (opts: GenerateOptions) => generateOnce({ bust: String(++runs), ...opts });
import { makeProject, sampleLock, SHA, type Project } from './project.ts';
import { ciSource, cleanupSource } from './samples.ts';

let project: Project | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

async function sample(extra: Record<string, string> = {}): Promise<Project> {
  project = await makeProject(
    { 'workflows-src/ci.ts': ciSource, 'workflows-src/cleanup.ts': cleanupSource, ...extra },
    sampleLock,
  );
  return project;
}

describe('pnpm gen output', () => {
  it('orders keys as GitHub documents them, whatever the source order', async () => {
    const p = await sample();
    const r = await generate({ cwd: p.dir });
    expect(r.diagnostics).toEqual([]);
    const doc = parse(await p.read('.github/workflows/ci.yml'));
    expect(Object.keys(doc)).toEqual(['name', 'on', 'permissions', 'env', 'concurrency', 'jobs']);
    expect(Object.keys(doc.jobs)).toEqual(['tests', 'report']);
    expect(Object.keys(doc.jobs.tests)).toEqual([
      'name',
      'if',
      'runs-on',
      'outputs',
      'env',
      'strategy',
      'steps',
    ]);
    expect(Object.keys(doc.jobs.tests.steps[3])).toEqual(['name', 'run', 'shell']);
    expect(Object.keys(doc.jobs.report)).toEqual(['needs', 'runs-on', 'steps']);
  });

  it('pins every remote uses from the lock with a ratchet comment', async () => {
    const p = await sample();
    await generate({ cwd: p.dir });
    const text = await p.read('.github/workflows/ci.yml');
    expect(text).toContain(
      `- uses: actions/checkout@${SHA.checkout} # ratchet:actions/checkout@v5\n`,
    );
    expect(text).toContain(
      `- uses: actions/setup-python@${SHA.setupPython} # ratchet:actions/setup-python@v5\n`,
    );
  });

  it('writes expressions, multi-line scripts and the header the way reviewers expect', async () => {
    const p = await sample();
    await generate({ cwd: p.dir });
    const text = await p.read('.github/workflows/ci.yml');
    expect(text.split('\n').slice(0, 2)).toEqual([
      '# Code generated from workflows-src/ci.ts by pnpm gen. DO NOT EDIT.',
      '# To change it, edit workflows-src/ci.ts and run `pnpm gen`.',
    ]);
    expect(text).toContain("    if: github.repository == 'bentoml/OpenLLM'\n");
    expect(text).toContain(
      '        run: |\n          hatch run tests:python\n          echo done\n',
    );
    expect(text).toContain('      version: ${{ steps.version.outputs.v }}\n');
    expect(text).toContain('      - run: echo ${{ needs.tests.outputs.version }}\n');
    // `3.10` must stay a string: unquoted, YAML reads the number 3.1.
    expect(parse(text).jobs.tests.strategy.matrix['python-version']).toEqual([
      '3.8',
      '3.10',
      '3.11',
    ]);
  });

  it('is already prettier-clean', async () => {
    const p = await sample();
    await generate({ cwd: p.dir });
    for (const f of ['ci.yml', 'cleanup.yml']) {
      const text = await p.read(`.github/workflows/${f}`);
      const formatted = await prettier.format(text, {
        parser: 'yaml',
        singleQuote: true,
        printWidth: 100,
      });
      expect(formatted).toBe(text);
    }
  });

  it('is deterministic: a second run changes nothing', async () => {
    const p = await sample();
    await generate({ cwd: p.dir });
    const before = await p.snapshot();
    const again = await generate({ cwd: p.dir });
    expect(again.changes).toEqual([]);
    expect(await p.snapshot()).toEqual(before);
  });
});

describe('ownership', () => {
  it('never overwrites a hand-written file and reports which source would have', async () => {
    const p = await sample({ '.github/workflows/ci.yml': 'name: mine\non: push\n' });
    const before = await p.snapshot();
    const r = await generate({ cwd: p.dir });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'workflows-src/ci.ts',
        rule: 'ownership',
        message: expect.stringContaining('.github/workflows/ci.yml, which is hand-written'),
      }),
    );
    expect(await p.snapshot()).toEqual(before);
  });

  it('leaves hand-written YAML alone and deletes owned files whose source is gone', async () => {
    const p = await sample({ '.github/workflows/manual.yml': 'name: manual\n' });
    await generate({ cwd: p.dir });
    await p.remove('workflows-src/cleanup.ts');
    const r = await generate({ cwd: p.dir });
    expect(r.changes.map((c) => [c.path, c.action])).toEqual([
      ['.github/workflows/cleanup.yml', 'delete'],
    ]);
    const files = await p.snapshot();
    expect(files.has('.github/workflows/cleanup.yml')).toBe(false);
    expect(files.get('.github/workflows/manual.yml')).toBe('name: manual\n');
  });
});

describe('gen --check', () => {
  it('writes nothing and lists missing, stale and extra files', async () => {
    const p = await sample();
    await generate({ cwd: p.dir });
    await p.write(
      'workflows-src/ci.ts',
      ciSource.replace("name: 'Continuous Integration'", "name: 'CI'"),
    );
    await p.remove('workflows-src/cleanup.ts');
    await p.write('workflows-src/new.ts', cleanupSource);
    const before = await p.snapshot();
    const r = await generate({ cwd: p.dir, check: true });
    expect(r.ok).toBe(true);
    expect(r.changes.map((c) => [c.path, c.action]).sort()).toEqual([
      ['.github/workflows/ci.yml', 'update'],
      ['.github/workflows/cleanup.yml', 'delete'],
      ['.github/workflows/new.yml', 'create'],
    ]);
    expect(await p.snapshot()).toEqual(before);
  });
});

describe('all-or-nothing writes', () => {
  it('leaves every file byte-identical when a write fails midway', async () => {
    const p = await sample();
    await generate({ cwd: p.dir });
    await p.write(
      'workflows-src/ci.ts',
      ciSource.replace("name: 'Continuous Integration'", "name: 'CI 2'"),
    );
    await p.write(
      'workflows-src/cleanup.ts',
      cleanupSource.replace('Cleanup PR cache', 'Cleanup 2'),
    );
    await p.write('workflows-src/third.ts', cleanupSource.replace('Cleanup PR cache', 'Third'));
    const before = await p.snapshot();
    await expect(
      generate({
        cwd: p.dir,
        hooks: {
          beforeCommit: (_path, i) => {
            if (i === 2) throw new Error('disk full (injected)');
          },
        },
      }),
    ).rejects.toThrow('disk full');
    expect(await p.snapshot()).toEqual(before);
  });

  it('writes nothing when any source has an error', async () => {
    const p = await sample();
    await generate({ cwd: p.dir });
    await p.write('workflows-src/cleanup.ts', cleanupSource.replace('Cleanup PR cache', 'Renamed'));
    await p.write('workflows-src/bad.ts', "export default { kind: 'nope' };\n");
    const before = await p.snapshot();
    const r = await generate({ cwd: p.dir });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'workflows-src/bad.ts', rule: 'structure' }),
    );
    expect(await p.snapshot()).toEqual(before);
  });
});
