/**
 * The repository's own sources compiled in memory (the real `pnpm gen` pipeline in check mode,
 * writing nothing), parsed back from the emitted YAML text: what the tests assert on is exactly
 * what `.github/` receives.
 */
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { generate, type GenerateResult } from '../../scripts/compile/generate.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export const WORKFLOWS = [
  'build',
  'clojure-frontend',
  'ci',
  'binary-releases',
  'compile-pypi',
  'create-releases',
  'release-notes',
  'cron',
  'cleanup',
] as const;
export type WorkflowName = (typeof WORKFLOWS)[number];

let result: Promise<GenerateResult> | undefined;

/** Compiles once per test file. */
export function compiled(): Promise<GenerateResult> {
  result ??= generate({ cwd: ROOT, check: true });
  return result;
}

/** The emitted text of one output file (`.github/...`). */
export async function text(output: string): Promise<string> {
  const f = (await compiled()).files.find((x) => x.output === output);
  if (!f) throw new Error(`${output} was not generated`);
  return f.text;
}

/** Parsed YAML, read freely in assertions (the assertions are the type check here). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Y = any;

export async function workflow(name: WorkflowName): Promise<Y> {
  return parse(await text(`.github/workflows/${name}.yml`)) as Y;
}

export async function yamlFile(output: string): Promise<Y> {
  return parse(await text(output)) as Y;
}

export interface StepView {
  job: string;
  index: number;
  step: Y;
}

/** Every step of every job, in order. */
export function steps(wf: Y): StepView[] {
  return Object.entries(wf.jobs as Record<string, Y>).flatMap(([job, j]) =>
    ((j.steps ?? []) as Y[]).map((step, index) => ({ job, index, step })),
  );
}

/** Steps whose `uses:` is the given action (`docker/login-action`), whatever its pin. */
export function stepsUsing(wf: Y, action: string): StepView[] {
  return steps(wf).filter((s) => String(s.step.uses ?? '').startsWith(`${action}@`));
}
