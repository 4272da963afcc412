/**
 * Every generated file against GitHub's own workflow parser, invariants that rule out the 2023
 * reference bugs in any workflow, and a stored snapshot of each file for review.
 */
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { ErrorPolicy, convertWorkflowTemplate } from '@actions/workflow-parser/model/convert';
import { describe, expect, it } from 'vitest';
import { compiled, text, workflow, WORKFLOWS, type Y } from './generated.ts';

const OTHER_FILES = [
  '.github/dependabot.yml',
  '.github/ISSUE_TEMPLATE/bug_report.yml',
  '.github/ISSUE_TEMPLATE/feature_request.yml',
  '.github/ISSUE_TEMPLATE/config.yml',
];

describe('the sources', () => {
  it('compile without diagnostics, and .github/ is up to date with them', async () => {
    const result = await compiled();
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    // What `pnpm gen --check` reports: committed files that differ from the sources.
    expect(result.changes.map((c) => `${c.action} ${c.path}`)).toEqual([]);
    expect(result.files.map((f) => f.output).sort()).toEqual(
      [...WORKFLOWS.map((w) => `.github/workflows/${w}.yml`), ...OTHER_FILES].sort(),
    );
  });
});

async function parserErrors(file: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  if (parsed.value)
    await convertWorkflowTemplate(parsed.context, parsed.value, undefined, {
      errorPolicy: ErrorPolicy.TryConversion,
    });
  return parsed.context.errors.getErrors().map((e) => e.message);
}

describe("GitHub's workflow parser", () => {
  it.each(WORKFLOWS)('%s.yml parses and converts with zero errors', async (name) => {
    const file = `.github/workflows/${name}.yml`;
    expect(await parserErrors(file, await text(file))).toEqual([]);
  });

  it('does report the 2023 mistakes (so a clean result above means something)', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  a:',
      '    if: github.event_name == "pull_request"',
      '    runs-on: ubuntu-latest',
      '    steps: [{ run: echo }]',
      '  b:',
      '    needs: [missing]',
      '    runs-on: ubuntu-latest',
      '    steps: [{ run: echo }]',
    ].join('\n');
    const errors = await parserErrors('broken.yml', broken);
    expect(errors.some((e) => /Unexpected symbol: '"pull_request"'/.test(e))).toBe(true);
    expect(errors.some((e) => /missing/.test(e))).toBe(true);
  });
});

/** `needs.<id>` and `steps.<id>` references inside a job, with what they must resolve to. */
function references(value: unknown, kind: 'needs' | 'steps'): string[] {
  const found = new Set<string>();
  const re = new RegExp(`\\b${kind}\\.([A-Za-z0-9_-]+)`, 'g');
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(re)) found.add(m[1]!);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...found].sort();
}

describe('references resolve (the 2023 bugs, in any workflow)', () => {
  it.each(WORKFLOWS)('%s: a job reads needs.<id> only for jobs it needs', async (name) => {
    const wf: Y = await workflow(name);
    for (const [id, job] of Object.entries(wf.jobs as Record<string, Y>)) {
      const needs: string[] = job.needs ?? [];
      expect({
        job: id,
        reads: references(job, 'needs').filter((n) => !needs.includes(n)),
      }).toEqual({ job: id, reads: [] });
    }
  });

  it.each(WORKFLOWS)('%s: steps.<id> names a step of the same job', async (name) => {
    const wf: Y = await workflow(name);
    for (const [id, job] of Object.entries(wf.jobs as Record<string, Y>)) {
      const ids = ((job.steps ?? []) as Y[]).map((s) => s.id).filter(Boolean);
      expect({
        job: id,
        missing: references(job, 'steps').filter((s) => !ids.includes(s)),
      }).toEqual({ job: id, missing: [] });
    }
  });

  it.each(WORKFLOWS)('%s: workflow_call outputs read jobs that exist', async (name) => {
    const wf: Y = await workflow(name);
    const outputs: Record<string, Y> = wf.on?.workflow_call?.outputs ?? {};
    for (const [out, spec] of Object.entries(outputs)) {
      const m = /jobs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/.exec(spec.value);
      expect(m, `${out} reads a job output`).not.toBeNull();
      expect(Object.keys(wf.jobs)).toContain(m![1]);
      expect(Object.keys(wf.jobs[m![1]!].outputs ?? {})).toContain(m![2]);
    }
  });

  it.each(WORKFLOWS)('%s: no double-quoted strings inside expressions', async (name) => {
    const yml = await text(`.github/workflows/${name}.yml`);
    const wf: Y = await workflow(name);
    const ifs = JSON.stringify(wf.jobs).match(/"if":"(?:[^"\\]|\\.)*"/g) ?? [];
    for (const cond of ifs) expect(cond).not.toMatch(/\\"/);
    for (const [, inner] of yml.matchAll(/\$\{\{(.*?)\}\}/g)) expect(inner).not.toContain('"');
  });
});

describe('stored snapshots (for review; the assertions above are the tests)', () => {
  it.each([...WORKFLOWS.map((w) => `.github/workflows/${w}.yml`), ...OTHER_FILES])(
    '%s',
    async (output) => {
      await expect(await text(output)).toMatchFileSnapshot(
        `./__snapshots__/${output.replace(/^\.github\//, '')}`,
      );
    },
  );
});

const LEVEL: Record<string, number> = { none: 0, read: 1, write: 2 };

/** A job's effective token scopes: its own block, else its workflow's. */
function scopes(job: Y, wf: Y): Record<string, string> {
  return (job.permissions ?? wf.permissions ?? {}) as Record<string, string>;
}

describe('reusable-workflow calls', () => {
  // GitHub refuses to start the caller when a called job requests a scope the calling job does
  // not grant (even a job that would be skipped), which no parser here checks.
  it.each(WORKFLOWS)('%s: every called job gets no more than its caller grants', async (name) => {
    const wf: Y = await workflow(name);
    for (const [id, job] of Object.entries(wf.jobs as Record<string, Y>)) {
      if (typeof job.uses !== 'string') continue;
      const m = /^\.\/\.github\/workflows\/(.+)\.yml$/.exec(job.uses);
      expect(m, `${id} calls a workflow of this repository by local path`).not.toBeNull();
      const callee: Y = await workflow(m![1] as (typeof WORKFLOWS)[number]);
      expect(callee.on).toHaveProperty('workflow_call');
      const granted = scopes(job, wf);
      for (const [calleeJob, j] of Object.entries(callee.jobs as Record<string, Y>)) {
        for (const [scope, level] of Object.entries(scopes(j, callee))) {
          const has = granted[scope] ?? 'none';
          expect(
            LEVEL[has]! >= LEVEL[level]!,
            `${name}.yml job ${id} grants ${scope}: ${has}, but ${m![1]}.yml job ${calleeJob} requests ${level}`,
          ).toBe(true);
        }
      }
    }
  });
});
