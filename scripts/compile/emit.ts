import { Document, isMap, isPair, isScalar, isSeq, Scalar, visit, type Node } from 'yaml';
import type { FileModel } from './model.ts';

/** Strings that some YAML reader (1.1 or 1.2) would take for a boolean, null or number. */
const AMBIGUOUS =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0x[\da-fA-F_]+|0o?[0-7_]+|0b[01_]+|[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?)$/;

export interface EmitOptions {
  /** Comment lines at the top of the file (without `#`). */
  header: string[];
  /** Trailing comments for `uses:` values, keyed by the uses path. */
  usesComments?: Map<string, string>;
}

/** Model → YAML text: deterministic, prettier-clean, with comments where the model asks for them. */
export function emitYaml(model: FileModel, opts: EmitOptions): string {
  const doc = new Document(model.data, { keepUndefined: false });
  visit(doc, {
    Scalar(key, node) {
      // Keys are names GitHub defines (`on`, job ids, input names): never quoted.
      if (key !== 'key') styleScalar(node);
    },
  });

  const fileComments = model.comments.get('') ?? [];
  doc.commentBefore = [...opts.header.map((l) => ` ${l}`.trimEnd()), ...fileComments].join('\n');

  for (const [path, lines] of model.comments) {
    if (path === '') continue;
    const target = nodeForComment(doc, path);
    if (target) target.commentBefore = lines.join('\n');
  }
  for (const site of model.uses) {
    const comment = opts.usesComments?.get(site.path);
    const node = doc.getIn(site.segments, true);
    if (comment && isScalar(node)) node.comment = ` ${comment}`;
  }
  separateTopLevel(doc);

  return doc.toString({
    lineWidth: 0,
    singleQuote: true,
    nullStr: '',
    indentSeq: true,
  });
}

function styleScalar(node: Scalar): void {
  if (typeof node.value !== 'string') return;
  const v = node.value;
  if (v.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
  else if (AMBIGUOUS.test(v)) node.type = Scalar.QUOTE_SINGLE;
}

/** A job's comment goes above its key; a step's above its `- ` item. */
function nodeForComment(
  doc: Document,
  path: string,
): { commentBefore?: string | null } | undefined {
  const segs = parsePath(path);
  const parentPath = segs.slice(0, -1);
  const last = segs[segs.length - 1];
  const parent = doc.getIn(parentPath, true) as Node | undefined;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last);
    return pair && isScalar(pair.key) ? pair.key : undefined;
  }
  if (isSeq(parent) && typeof last === 'number') return parent.items[last] as Node | undefined;
  return undefined;
}

function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** Blank lines before `jobs:` and between jobs, so reviewers see one job per block. */
function separateTopLevel(doc: Document): void {
  if (!isMap(doc.contents)) return;
  doc.contents.items.forEach((pair, index) => {
    if (!isScalar(pair.key)) return;
    if (pair.key.value === 'jobs') {
      // The header comment already ends with a blank line.
      if (index > 0) pair.key.spaceBefore = true;
      if (isMap(pair.value)) {
        pair.value.items.forEach((p, i) => {
          if (i > 0 && isScalar(p.key)) p.key.spaceBefore = true;
        });
      }
    }
  });
}
