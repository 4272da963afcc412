import {
  LineCounter,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';

/** A parsed workflow file with the views the rules share. */
export interface Workflow {
  /** Repository-relative path, as shown in diagnostics. */
  file: string;
  text: string;
  doc: Document;
  lines: LineCounter;
  /** Top-level mapping, or undefined when the file is not a mapping. */
  root: YAMLMap | undefined;
  jobs: JobView[];
  /** Event names from `on:` (string, list or mapping form). */
  events: Set<string>;
}

export interface JobView {
  id: string;
  key: Node;
  node: YAMLMap;
  /** `path` prefix for diagnostics, e.g. `jobs.build`. */
  path: string;
  steps: StepView[];
  /** Job ids from `needs:`. */
  needs: string[];
}

export interface StepView {
  index: number;
  node: YAMLMap;
  path: string;
  id?: string;
  /** The `uses:` scalar, when the step calls an action. */
  uses?: Scalar;
  run?: Scalar;
}

export interface YamlSyntaxError {
  offset: number;
  message: string;
}

export function parseWorkflow(
  file: string,
  text: string,
): { workflow: Workflow; syntaxErrors: YamlSyntaxError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntaxErrors = doc.errors.map((e) => ({ offset: e.pos[0], message: e.message }));
  const root = isMap(doc.contents) ? doc.contents : undefined;
  const workflow: Workflow = {
    file,
    text,
    doc,
    lines,
    root,
    jobs: root ? jobViews(root) : [],
    events: root ? eventNames(root) : new Set(),
  };
  return { workflow, syntaxErrors };
}

export function getPair(map: unknown, key: string): Pair<Scalar, unknown> | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair as Pair<Scalar, unknown>;
  }
  return undefined;
}

export function getNode(map: unknown, key: string): Node | undefined {
  const v = getPair(map, key)?.value;
  return v === null || v === undefined ? undefined : (v as Node);
}

/** The value of `map[key]` when it is a scalar, as a string. */
export function getString(map: unknown, key: string): string | undefined {
  const v = getNode(map, key);
  return isScalar(v) && v.value !== null ? String(v.value) : undefined;
}

/** Entries of a mapping as `[key, keyNode, valueNode]`. */
export function entries(map: unknown): Array<[string, Scalar, Node | undefined]> {
  if (!isMap(map)) return [];
  const out: Array<[string, Scalar, Node | undefined]> = [];
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const v = pair.value as Node | null;
    out.push([String(pair.key.value), pair.key, v ?? undefined]);
  }
  return out;
}

/** Start offset of a node in the source. */
export function offsetOf(node: Node | undefined): number | undefined {
  return node?.range?.[0];
}

function eventNames(root: YAMLMap): Set<string> {
  const on = getNode(root, 'on');
  const names = new Set<string>();
  if (isScalar(on)) {
    names.add(String(on.value));
  } else if (isSeq(on)) {
    for (const i of on.items) if (isScalar(i)) names.add(String(i.value));
  } else if (isMap(on)) {
    for (const [k] of entries(on)) names.add(k);
  }
  return names;
}

function jobViews(root: YAMLMap): JobView[] {
  const jobs = getNode(root, 'jobs');
  const out: JobView[] = [];
  for (const [id, key, node] of entries(jobs)) {
    if (!isMap(node)) continue;
    const path = `jobs.${id}`;
    const stepsNode = getNode(node, 'steps');
    const steps: StepView[] = [];
    if (isSeq(stepsNode)) {
      stepsNode.items.forEach((item, index) => {
        if (!isMap(item)) return;
        const uses = getNode(item, 'uses');
        const run = getNode(item, 'run');
        steps.push({
          index,
          node: item,
          path: `${path}.steps[${index}]`,
          ...(getString(item, 'id') !== undefined ? { id: getString(item, 'id')! } : {}),
          ...(isScalar(uses) ? { uses } : {}),
          ...(isScalar(run) ? { run } : {}),
        });
      });
    }
    const needsNode = getNode(node, 'needs');
    const needs: string[] = [];
    if (isScalar(needsNode)) needs.push(String(needsNode.value));
    else if (isSeq(needsNode))
      for (const n of needsNode.items) if (isScalar(n)) needs.push(String(n.value));
    out.push({ id, key, node, path, steps, needs });
  }
  return out;
}

export interface StringVisit {
  node: Scalar;
  value: string;
  /** Dotted path inside the workflow, e.g. `jobs.build.steps[2].run`. */
  path: string;
  /** The mapping key this string is the value of (undefined for sequence items). */
  key: string | undefined;
}

/** Calls `visit` for every string scalar value (not keys) under `node`. */
export function walkStrings(node: unknown, path: string, visit: (s: StringVisit) => void): void {
  walk(node, path, undefined, visit);
}

function walk(
  node: unknown,
  path: string,
  key: string | undefined,
  visit: (s: StringVisit) => void,
): void {
  if (isScalar(node)) {
    if (typeof node.value === 'string') visit({ node, value: node.value, path, key });
  } else if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const k = String(pair.key.value);
      walk(pair.value, path ? `${path}.${k}` : k, k, visit);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item, `${path}[${i}]`, undefined, visit));
  }
}

/** `owner/repo[/path]@ref` without the ref, lower-cased for table lookups. */
export function usesName(uses: string): string {
  const at = uses.indexOf('@');
  return (at < 0 ? uses : uses.slice(0, at)).toLowerCase();
}

/** The text after `#` on the source line where `node` ends, if any. */
export function trailingComment(wf: Workflow, node: Node): string | undefined {
  const end = node.range?.[1];
  if (end === undefined) return undefined;
  const lineEnd = wf.text.indexOf('\n', end);
  const rest = wf.text.slice(end, lineEnd < 0 ? undefined : lineEnd);
  const hash = rest.indexOf('#');
  return hash < 0 ? undefined : rest.slice(hash + 1).trim();
}
