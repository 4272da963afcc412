import type { Scalar } from 'yaml';
import {
  findEmbedded,
  parseExpression,
  type Embedded,
  type ParsedExpression,
} from '../core/expressions.ts';
import type { Workflow } from './workflow.ts';

export {
  KNOWN_CONTEXTS,
  findEmbedded,
  parseExpression,
  refText,
  type ContextRef,
  type Embedded,
  type ParsedExpression,
} from '../core/expressions.ts';

/** Source offset of the `index`-th character of a scalar's value (best effort: exact for plain, single-quoted and block scalars without escapes). */
export function valueOffset(wf: Workflow, node: Scalar, needle: string, nth = 0): number {
  const [start, end] = node.range ?? [0, 0];
  const source = wf.text.slice(start, end);
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = source.indexOf(needle, at + 1);
    if (at < 0) return start;
  }
  return start + at;
}

/** Expressions in a string value with their source offsets. */
export function expressionsIn(
  wf: Workflow,
  node: Scalar,
  value: string,
): Array<Embedded & { offset: number; parsed: ParsedExpression }> {
  const seen = new Map<string, number>();
  return findEmbedded(value).map((emb) => {
    const raw = value.slice(emb.start, emb.end);
    const nth = seen.get(raw) ?? 0;
    seen.set(raw, nth + 1);
    return { ...emb, offset: valueOffset(wf, node, raw, nth), parsed: parseExpression(emb.inner) };
  });
}
