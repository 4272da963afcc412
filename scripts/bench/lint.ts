import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const FILES = 500;
const SHA = '11d5960a326750d5838078e36cf38b85af677262';

/** A workflow shaped like the generated ones: pinned uses, outputs, needs, matrix, expressions. */
function syntheticWorkflow(i: number): string {
  return `name: Synthetic ${i}
on:
  push:
    branches: [main]
  pull_request:
    branches: [main]
permissions:
  contents: read
concurrency:
  group: \${{ github.workflow }}-\${{ github.event.pull_request.number || github.sha }}
  cancel-in-progress: true
jobs:
  first:
    runs-on: ubuntu-latest
    outputs:
      x: \${{ steps.a.outputs.x }}
    steps:
      - uses: actions/checkout@${SHA} # ratchet:actions/checkout@v4
        with:
          fetch-depth: 0
      - id: a
        run: echo "x=${i}" >> "$GITHUB_OUTPUT"
  second:
    needs: [first]
    if: github.event_name == 'push'
    runs-on: \${{ matrix.os }}
    strategy:
      fail-fast: false
      matrix:
        os: [ubuntu-latest, macos-latest]
        python: ['3.10', '3.11']
    steps:
      - uses: actions/checkout@${SHA} # ratchet:actions/checkout@v4
      - name: Test \${{ matrix.python }}
        env:
          TITLE: \${{ github.event.pull_request.title }}
        run: |
          echo "\${{ needs.first.outputs.x }}"
          echo "$TITLE"
  release:
    needs: [first, second]
    if: github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@${SHA} # ratchet:actions/checkout@v4
      - run: git push origin HEAD:refs/heads/release-${i}
`;
}

/** Wall time of a fresh CLI process, median of `runs`. */
function timeCli(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/cli.ts'), 'lint', ...args],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`lint ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchLint(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'openllm-ci-lint-bench-'));
  try {
    await Promise.all(
      Array.from({ length: FILES }, (_, i) =>
        writeFile(join(dir, `w${String(i).padStart(3, '0')}.yml`), syntheticWorkflow(i)),
      ),
    );
    const one = join(dir, 'w000.yml');

    const t0 = performance.now();
    const { lintFiles } = await import('../lint/engine.ts');
    const importMs = performance.now() - t0;

    const t1 = performance.now();
    const first = await lintFiles([one], dir);
    const firstMs = performance.now() - t1;
    if (first.diagnostics.length)
      throw new Error(`synthetic workflow is not clean: ${first.diagnostics[0]!.message}`);

    const t2 = performance.now();
    const all = await lintFiles([dir], dir);
    const allMs = performance.now() - t2;

    const startup = timeCli([one], 3);
    const cli500 = timeCli([dir], 1);
    const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
    return [
      `start-up: CLI process linting 1 file ${startup.toFixed(0)} ms (median of 3); in-process module import ${importMs.toFixed(0)} ms, first file ${firstMs.toFixed(0)} ms`,
      `in-process: ${all.files.length} workflows in ${allMs.toFixed(0)} ms = ${rate(all.files.length, allMs)} files/s (${all.diagnostics.length} findings)`,
      `CLI process: ${FILES} workflows in ${cli500.toFixed(0)} ms = ${rate(FILES, cli500 - startup)} files/s after start-up`,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
