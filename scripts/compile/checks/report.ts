import type { Diagnostic } from '../../core/diagnostics.ts';
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

/** Closest name by edit distance, for "did you mean …?" hints. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3))
    ? ` (did you mean "${best}"?)`
    : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
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
