import type { Diagnostic } from '../../core/diagnostics.ts';
import { closest } from '../../core/suggest.ts';
import type { FileModel } from '../model.ts';

/** Builds a diagnostic for `path` inside `model`, positioned at the nearest source line known. */
export function at(
  model: FileModel,
  path: string,
  message: string,
  rule: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  const origin = nearestOrigin(model, path);
  return {
    severity,
    file: model.source,
    ...(origin ? { line: origin.line, col: origin.col } : {}),
    path,
    message,
    rule,
  };
}

/**
 * Where `path` or its closest ancestor was written in this source (a step, a job, the workflow).
 * A step built by a shared block in workflows-src/lib/ points at the job or workflow that uses it.
 */
function nearestOrigin(model: FileModel, path: string) {
  let p = path;
  for (;;) {
    const o = model.origins.get(p);
    if (o && sameFile(o.file, model.source)) return o;
    if (!p) return undefined;
    const parent = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    p = parent === p ? '' : parent;
  }
}

function sameFile(abs: string, rel: string): boolean {
  return abs.replace(/\\/g, '/').endsWith(`/${rel}`);
}

/** ` (did you mean "x"?)` for the closest candidate, or nothing when none is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const best = closest(name, candidates, Math.max(2, Math.floor(name.length / 3)));
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

/** Every string in the data with its path, for checks that scan expressions. */
export function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value))
    for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
  }
}
