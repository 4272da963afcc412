import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { discoverSources } from '../compile/sources.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Wall time of a fresh `node --import tsx …` process, median of `runs`. */
function timeNode(args: string[], cwd: string, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0 && !args.includes('--check'))
      throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A source shaped like a real workflow: three jobs, needs, outputs, a matrix, expressions. */
function syntheticSource(i: number): string {
  return `import { defineWorkflow, job, run, eq, github, matrix } from '#ci';
const a = run({ id: 'a', run: 'echo "x=${i}" >> "$GITHUB_OUTPUT"', outputs: ['x'] });
const first = job('first', { 'runs-on': 'ubuntu-latest', outputs: { x: a.outputs.x }, steps: [a] });
const second = job('second', [first], (needs) => ({
  'runs-on': matrix('os'),
  if: eq(github.event_name, 'push'),
  strategy: { matrix: { os: ['ubuntu-latest', 'macos-latest'], python: ['3.10', '3.11'] } },
  steps: [run({ run: \`echo \${needs.first.outputs.x}\\necho done\\n\` })],
}));
const third = job('third', [first, second], () => ({ 'runs-on': 'ubuntu-latest', steps: [run({ run: 'true' })] }));
export default defineWorkflow({ name: 'Synthetic ${i}', on: { push: { branches: ['main'] }, pull_request: null }, permissions: { contents: 'read' }, jobs: [first, second, third] });
`;
}

async function syntheticProject(n: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `openllm-ci-bench-${n}-`));
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ type: 'module', imports: { '#ci': './scripts/dsl/index.ts' } }),
  );
  await symlink(join(ROOT, 'scripts'), join(dir, 'scripts'));
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  await mkdir(join(dir, 'workflows-src'));
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      writeFile(join(dir, 'workflows-src', `w${i}.ts`), syntheticSource(i)),
    ),
  );
  const gen = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts/cli.ts'), 'gen'],
    { cwd: dir, encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error(`synthetic gen failed:\n${gen.stderr}`);
  return dir;
}

export async function benchGen(): Promise<string[]> {
  const cli = join(ROOT, 'scripts/cli.ts');
  const lines: string[] = [];
  const sources = (await discoverSources(ROOT)).map((s) => `./${s.source}`);
  const check = timeNode([cli, 'gen', '--check'], ROOT);
  const bare = timeNode(
    ['-e', `await Promise.all(${JSON.stringify(sources)}.map((s) => import(s)))`],
    ROOT,
  );
  lines.push(
    `gen --check on this repository (${sources.length} sources): ${check.toFixed(0)} ms (median of 5)`,
  );
  lines.push(`node + tsx + importing the sources:       ${bare.toFixed(0)} ms (median of 5)`);
  lines.push(`ratio: ${(check / bare).toFixed(2)} × (target ≤ 2 ×)`);

  const points: [number, number][] = [];
  for (const n of [100, 250, 500]) {
    const dir = await syntheticProject(n);
    try {
      const t = timeNode([cli, 'gen', '--check'], dir, 3);
      points.push([n, t]);
      lines.push(
        `gen --check on ${n} synthetic workflows: ${t.toFixed(0)} ms, ${(t / n).toFixed(2)} ms per workflow`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  // Linear growth shows as a constant cost per added workflow between the sizes.
  const marginal = points
    .slice(1)
    .map(
      ([n, t], i) =>
        `${points[i]![0]}→${n}: ${((t - points[i]![1]) / (n - points[i]![0])).toFixed(2)}`,
    );
  lines.push(`cost per added workflow (ms): ${marginal.join(', ')}`);
  return lines;
}
