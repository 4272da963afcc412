import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../scripts/core/diagnostics.ts';
import lint from '../../scripts/commands/lint.ts';
import { RULES } from '../../scripts/lint/rules/index.ts';
import { captureIO } from '../helpers/io.ts';

const BAD = `name: ci
on: pull_request
permissions:
  contents: read
jobs:
  test:
    if: github.event_name == "pull_request"
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
`;
const WARN_ONLY = `name: ok
on: push
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: dtolnay/rust-toolchain@stable # ratchet:exclude reason: regenerated branch
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lint-cmd-'));
  await mkdir(join(dir, '.github/workflows'), { recursive: true });
  await writeFile(join(dir, '.github/workflows/ci.yml'), BAD);
  await mkdir(join(dir, 'warn'));
  await writeFile(join(dir, 'warn/ok.yaml'), WARN_ONLY);
  await writeFile(join(dir, 'warn/README.md'), 'not a workflow');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const io = (env: NodeJS.ProcessEnv = {}) => captureIO(dir, env);

describe('pnpm lint', () => {
  it('lints .github/workflows by default, prints file:line:col findings and exits 1 on errors', async () => {
    const t = io();
    expect(await lint.run([], t.io)).toBe(1);
    const text = t.out.join('');
    expect(text).toContain(
      `error .github/workflows/ci.yml:7:30: double-quoted string "pull_request" in expression`,
    );
    expect(text).toMatch(
      /ci\.yml:10:15: "actions\/checkout@v4" is pinned to the movable ref .*\[unpinned-uses\]/,
    );
    expect(text).toMatch(/1 workflow file checked: 2 errors, 0 warnings\n$/);
  });

  it('exits 0 when only warnings remain, and reads only *.yml/*.yaml of a directory', async () => {
    const t = io();
    expect(await lint.run(['warn'], t.io)).toBe(0);
    expect(t.out.join('')).toContain('warning warn/ok.yaml:9:15:');
    expect(t.out.join('')).toContain('1 workflow file checked: 0 errors, 1 warning');
  });

  it('writes GitHub annotations inside Actions', async () => {
    const t = io({ GITHUB_ACTIONS: 'true' });
    await lint.run([], t.io);
    expect(t.out.join('')).toContain(
      '::error file=.github/workflows/ci.yml,line=7,col=30,title=expression-syntax::',
    );
  });

  it('--format json gives files, a summary and the diagnostics', async () => {
    const t = io();
    expect(await lint.run(['--format', 'json', '.github/workflows'], t.io)).toBe(1);
    const json = JSON.parse(t.out.join(''));
    expect(json.files).toEqual(['.github/workflows/ci.yml']);
    expect(json.summary).toEqual({ errors: 2, warnings: 0 });
    expect(json.diagnostics[0]).toMatchObject({
      severity: 'error',
      file: '.github/workflows/ci.yml',
      line: 7,
      col: 30,
      rule: 'expression-syntax',
    });
    expect(json.diagnostics[0].fix).toBe("Write 'pull_request' instead.");
  });

  it('--format=sarif gives SARIF 2.1.0 with rule metadata and regions', async () => {
    const t = io();
    await lint.run(['--format=sarif'], t.io);
    const sarif = JSON.parse(t.out.join(''));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const rule of RULES) expect(ids).toContain(rule.id);
    expect(ids).toContain('unused-suppression');
    const result = run.results[0];
    expect(ids[result.ruleIndex]).toBe(result.ruleId);
    expect(result).toMatchObject({
      ruleId: 'expression-syntax',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: '.github/workflows/ci.yml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 7, startColumn: 30 },
          },
        },
      ],
    });
  });

  it('--output writes the report to a file', async () => {
    const t = io();
    expect(await lint.run(['--format', 'sarif', '--output', 'out/lint.sarif'], t.io)).toBe(1);
    expect(t.out).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, 'out/lint.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(t.err.join('')).toContain('wrote out/lint.sarif: 2 errors, 0 warnings');
  });

  it('rejects bad input with a UserError naming the problem', async () => {
    await expect(lint.run(['nope'], io().io)).rejects.toThrow(
      new UserError('nope: no such file or directory'),
    );
    await expect(lint.run(['--format', 'xml'], io().io)).rejects.toThrow(
      /--format must be one of text, json, sarif/,
    );
    await expect(lint.run(['--frmat'], io().io)).rejects.toThrow(/unknown option --frmat/);
    await expect(lint.run([], { ...io().io, cwd: join(dir, 'warn') })).rejects.toThrow(
      /no \.github\/workflows directory in .*: run `pnpm gen` first, or pass/,
    );
    await mkdir(join(dir, 'empty'), { recursive: true });
    await expect(lint.run(['empty'], io().io)).rejects.toThrow(
      /no \*\.yml or \*\.yaml workflow files in empty/,
    );
  });

  it('reports YAML that does not parse, at its position, without running the rules', async () => {
    await writeFile(join(dir, 'broken.yml'), 'on: push\njobs:\n  a: [\n');
    const t = io();
    expect(await lint.run(['broken.yml'], t.io)).toBe(1);
    expect(t.out.join('')).toMatch(/broken\.yml:\d+:\d+: not valid YAML: .*\[yaml-syntax\]/);
  });

  it('runs through the CLI with --help', async () => {
    const { stdout } = await promisify(execFile)(
      'node',
      ['--import', 'tsx', 'scripts/cli.ts', 'lint', '--help'],
      {
        cwd: join(import.meta.dirname, '../..'),
      },
    );
    expect(stdout).toContain('Usage: pnpm lint');
    for (const rule of RULES) expect(stdout).toContain(rule.id);
    expect(stdout).toContain('# lint-allow <rule-id>: <reason>');
  });
});
