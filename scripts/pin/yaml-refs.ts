/**
 * Finds the `uses:` sites of a GitHub workflow or composite action, with their exact source
 * positions and trailing comments, without changing or re-emitting the text.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Parser,
  type Document,
  type Node,
  type Range,
  type Scalar,
} from 'yaml';
import { UserError, type Diagnostic } from '../core/diagnostics.ts';
import { actionName, isFullSha, parseActionRef, type ActionRef } from '../lock/lock.ts';
import { findRatchetToken } from './yaml-ratchet-comment.ts';

/** Why a `uses:` site is not pinned. */
export type SkipReason =
  /** `./path`: an action of the same repository. */
  | 'local'
  /** `docker://image`: a container, not a repository ref. */
  | 'docker'
  /** Contains `${{ … }}`: only known at run time. */
  | 'expression'
  /** The trailing comment says `ratchet:exclude`. */
  | 'excluded'
  /** Not a single-line `owner/repo[/path]@ref` string (or a bad `ratchet:` comment); see `problem`. */
  | 'invalid'
  /** The value is a SHA but the `ratchet:` comment names another action; see `problem`. */
  | 'mismatch';

export interface UsesSite {
  /** 1-based position of the value (its opening quote when quoted). */
  line: number;
  col: number;
  /** Where the site is in the document, e.g. `jobs.build.steps[2].uses`. */
  path: string;
  /** The value as written, without quotes. */
  raw: string;
  quote: '' | "'" | '"';
  /** The value parsed; undefined for local, docker, expression and invalid values. */
  ref?: ActionRef;
  /**
   * What pinning resolves: the `ratchet:` comment's constraint when the value is already a SHA
   * (that is how a hand-written file is updated), otherwise `ref`. Undefined when skipped.
   */
  wanted?: ActionRef;
  skip?: SkipReason;
  /** A sentence explaining an `invalid` or `mismatch` skip. */
  problem?: string;
  /** The value's ref when it is a full 40-hex commit SHA. */
  pinnedSha?: string;
  /** From an existing `# ratchet:owner/repo@v4` comment: `owner/repo@v4`. */
  ratchetConstraint?: string;
  /** The trailing comment on the value's line, without `#`, trimmed. */
  comment?: string;
}

/** A YAML file that does not parse; carries one diagnostic per syntax error. */
export class YamlSyntaxError extends UserError {
  constructor(diagnostics: Diagnostic[]) {
    const first = diagnostics[0]!;
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    super(`${first.file}:${first.line}:${first.col}: ${first.message}${more}`, diagnostics);
    this.name = 'YamlSyntaxError';
  }
}

export interface ScanOptions {
  /** The file name used in diagnostics. */
  file?: string;
}

/** Every `uses:` site of the text, in source order. Throws `YamlSyntaxError` on malformed YAML. */
export function findUsesSites(text: string, opts: ScanOptions = {}): UsesSite[] {
  return scanUses(text, opts).sites.map((s) => s.site);
}

// ---------------------------------------------------------------------------------------------
// The scan behind findUsesSites, shared with yaml-rewrite.ts: each public site plus the source
// offsets needed to edit it in place. Not meant for other modules.

/** A trailing comment: `[start, end)` is the `#…` token, `gapStart` the whitespace before it. */
export interface CommentSpan {
  start: number;
  end: number;
  gapStart: number;
  text: string;
}

export interface ScannedSite {
  site: UsesSite;
  /** The value node; undefined when the value is an alias or not a scalar. */
  node: Scalar | undefined;
  /** `[start, end)` of the value token, quotes included. */
  valueStart: number;
  valueEnd: number;
  /** Where a new comment goes: the end of the value's line, before blanks, comment and break. */
  contentEnd: number;
  lineStart: number;
  lineEnd: number;
  comment?: CommentSpan;
}

export interface Scan {
  docs: Document.Parsed[];
  sites: ScannedSite[];
  lineCounter: LineCounter;
}

export function scanUses(text: string, opts: ScanOptions = {}): Scan {
  const file = opts.file ?? '<input>';
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const errors: Diagnostic[] = docs.flatMap((doc) =>
    doc.errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      return {
        severity: 'error' as const,
        file,
        line,
        col,
        message: `invalid YAML: ${e.message}`,
        rule: 'yaml-syntax',
        fix: 'Fix the YAML syntax, then run the command again.',
      };
    }),
  );
  if (errors.length) throw new YamlSyntaxError(errors);

  const comments = commentsByLine(text, lineCounter);
  // A step shared through an anchor yields the same value node twice: report it once.
  const seen = new Set<unknown>();
  const sites: ScannedSite[] = [];
  const add = (value: unknown, path: string, doc: Document.Parsed) => {
    if (seen.has(value)) return;
    seen.add(value);
    const node = isAlias(value) ? value.resolve(doc) : value;
    const scanned = describe(text, node, value, path, lineCounter, comments);
    if (scanned) sites.push(scanned);
  };
  for (const doc of docs) {
    for (const [path, value] of usesValues(doc)) add(value, path, doc);
  }
  sites.sort((a, b) => a.valueStart - b.valueStart);
  return { docs, sites, lineCounter };
}

/** The `uses:` values at the places GitHub reads them, with their document paths. */
function* usesValues(doc: Document.Parsed): Generator<[string, unknown]> {
  const deref = (n: unknown) => (isAlias(n) ? n.resolve(doc) : n);
  const root = deref(doc.contents);
  if (!isMap(root)) return;
  function* steps(seq: unknown, path: string): Generator<[string, unknown]> {
    const s = deref(seq);
    if (!isSeq(s)) return;
    for (const [i, item] of s.items.entries()) {
      const step = deref(item);
      if (isMap(step) && step.has('uses')) yield [`${path}[${i}].uses`, step.get('uses', true)];
    }
  }
  const jobs = deref(root.get('jobs', true));
  if (isMap(jobs)) {
    for (const pair of jobs.items) {
      const id = isScalar(pair.key) ? String(pair.key.value) : '?';
      const job = deref(pair.value);
      if (!isMap(job)) continue;
      if (job.has('uses')) yield [`jobs.${id}.uses`, job.get('uses', true)];
      yield* steps(job.get('steps', true), `jobs.${id}.steps`);
    }
  }
  const runs = deref(root.get('runs', true));
  if (isMap(runs)) yield* steps(runs.get('steps', true), 'runs.steps');
}

function describe(
  text: string,
  node: unknown,
  written: unknown,
  path: string,
  lc: LineCounter,
  comments: Map<number, CommentSpan>,
): ScannedSite | undefined {
  // An alias is reported where it is written, not where its anchor is.
  const at = (isAlias(written) ? written : node) as Node | null;
  if (!at?.range) return undefined;
  const scalar = isScalar(node) && !isAlias(written) ? node : undefined;
  const base = { node: scalar, ...locate(text, at.range, lc, comments) };
  const { line, col } = lc.linePos(base.valueStart);
  const raw = text.slice(base.valueStart, base.valueEnd);
  const site: UsesSite = { line, col, path, raw, quote: '' };
  if (base.comment) {
    site.comment = base.comment.text.slice(1).trim();
    const token = findRatchetToken(base.comment.text);
    if (token?.value === 'exclude') site.skip = 'excluded';
    else if (token) site.ratchetConstraint = token.value;
  }
  const problem = classify(site, written, scalar, lc.linePos(base.contentEnd).line !== line);
  return { ...base, site: problem ? { ...site, skip: 'invalid', problem } : site };
}

/** The offsets of a value, of the end of its line, and of its trailing comment. */
function locate(
  text: string,
  range: Range,
  lc: LineCounter,
  comments: Map<number, CommentSpan>,
): Omit<ScannedSite, 'site' | 'node'> {
  const [valueStart, valueEnd] = range;
  const endLine = lc.linePos(Math.max(valueStart, valueEnd - 1)).line;
  const lineStart = lc.lineStarts[endLine - 1] ?? 0;
  let lineEnd = text.indexOf('\n', valueEnd);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const comment = comments.get(endLine);
  let contentEnd = comment ? comment.gapStart : lineEnd;
  while (contentEnd > valueEnd && /[ \t]/.test(text[contentEnd - 1]!)) contentEnd--;
  return { valueStart, valueEnd, contentEnd, lineStart, lineEnd, ...(comment ? { comment } : {}) };
}

/**
 * Fills in what the value is (quote, ref, skip, wanted); returns the problem when it is not a
 * usable single-line `owner/repo[/path]@ref`.
 */
function classify(
  site: UsesSite,
  written: unknown,
  scalar: Scalar | undefined,
  multiline: boolean,
): string | undefined {
  if (isAlias(written)) return `the value is an alias (${site.raw}); write the ref itself`;
  if (!scalar || typeof scalar.value !== 'string') return 'the value is not a string';
  const raw = (site.raw = scalar.value);
  if (scalar.type === 'QUOTE_SINGLE') site.quote = "'";
  else if (scalar.type === 'QUOTE_DOUBLE') site.quote = '"';
  else if (scalar.type !== 'PLAIN') return 'the value is a block scalar; write it on one line';
  if (multiline) return 'the value spans several lines; write it on one line';

  if (raw.includes('${{')) site.skip ??= 'expression';
  else if (raw.startsWith('./')) site.skip ??= 'local';
  else if (raw.startsWith('docker://')) site.skip ??= 'docker';
  if (site.skip && site.skip !== 'excluded') return undefined;

  const ref = parseActionRef(raw);
  if (!ref) return site.skip ? undefined : `"${raw}" is not owner/repo[/path]@ref`;
  site.ref = ref;
  if (isFullSha(ref.constraint)) site.pinnedSha = ref.constraint;
  if (site.skip) return undefined;

  if (!site.pinnedSha || site.ratchetConstraint === undefined) {
    site.wanted = ref;
    return undefined;
  }
  const wanted = parseActionRef(site.ratchetConstraint);
  if (!wanted)
    return `the comment's "ratchet:${site.ratchetConstraint}" is not owner/repo[/path]@ref`;
  if (actionName(wanted) !== actionName(ref)) {
    site.skip = 'mismatch';
    site.problem = `the value names ${actionName(ref)} but its comment says ratchet:${site.ratchetConstraint}`;
    return undefined;
  }
  site.wanted = wanted;
  return undefined;
}

/** Every comment token of the text keyed by its 1-based line (a line has at most one). */
function commentsByLine(text: string, lc: LineCounter): Map<number, CommentSpan> {
  const out = new Map<number, CommentSpan>();
  const visit = (tok: unknown): void => {
    if (Array.isArray(tok)) {
      for (const t of tok) visit(t);
      return;
    }
    if (!tok || typeof tok !== 'object') return;
    const t = tok as { type?: string; offset?: number; source?: string };
    if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
      let gapStart = t.offset;
      while (gapStart > 0 && /[ \t]/.test(text[gapStart - 1]!)) gapStart--;
      const span = { start: t.offset, end: t.offset + t.source.length, gapStart, text: t.source };
      out.set(lc.linePos(t.offset).line, span);
      return;
    }
    for (const v of Object.values(tok)) if (v && typeof v === 'object') visit(v);
  };
  for (const token of new Parser().parse(text)) visit(token);
  return out;
}
