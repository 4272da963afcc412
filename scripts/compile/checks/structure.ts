import { z } from 'zod';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { pathString, UNRESOLVED_WORKFLOW, type FileModel } from '../model.ts';
import { at } from './report.ts';

const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const id = (what: string) =>
  z
    .string()
    .regex(ID, `${what} must start with a letter or _ and contain only letters, digits, - and _`);

const Step = z
  .object({
    id: id('a step id').optional(),
    uses: z.string().optional(),
    run: z.string().optional(),
  })
  .passthrough()
  .superRefine((s, c) => {
    if ((s.uses === undefined) === (s.run === undefined))
      c.addIssue({ code: 'custom', message: 'a step needs exactly one of "uses" or "run"' });
    if (s.run !== undefined && 'with' in s)
      c.addIssue({ code: 'custom', message: '"with" applies to "uses" steps only' });
    if (s.uses !== undefined && ('shell' in s || 'working-directory' in s)) {
      c.addIssue({
        code: 'custom',
        message: '"shell" and "working-directory" apply to "run" steps only',
      });
    }
  });

const Job = z
  .object({
    'runs-on': z.unknown().optional(),
    uses: z.string().optional(),
    steps: z.array(Step).optional(),
  })
  .passthrough()
  .superRefine((j, c) => {
    if (j.uses !== undefined) {
      for (const k of ['runs-on', 'steps', 'env', 'container', 'services', 'defaults'] as const) {
        if (k in j)
          c.addIssue({
            code: 'custom',
            message: `a job that calls a reusable workflow cannot set "${k}"`,
          });
      }
      if (j.uses === UNRESOLVED_WORKFLOW)
        c.addIssue({
          code: 'custom',
          path: ['uses'],
          message: 'calls a workflow that is not the default export of a workflows-src/ source',
        });
    } else {
      if (j['runs-on'] === undefined) c.addIssue({ code: 'custom', message: 'missing "runs-on"' });
      if (!j.steps?.length)
        c.addIssue({ code: 'custom', message: 'a job needs at least one step' });
    }
  });

const Workflow = z
  .object({
    name: z.string().min(1),
    on: z.unknown(),
    jobs: z
      .record(id('a job id'), Job)
      .refine((j) => Object.keys(j).length > 0, 'a workflow needs at least one job'),
  })
  .passthrough();

/** Shapes the type checker cannot see at `pnpm gen` time (sources run without type checking). */
export function checkStructure(model: FileModel): Diagnostic[] {
  const r = Workflow.safeParse(model.data);
  if (r.success) return [];
  return r.error.issues.map((i) =>
    at(model, pathString(i.path as (string | number)[]), i.message, 'structure'),
  );
}
