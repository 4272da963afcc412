/**
 * Pins and unpins the `uses:` of hand-written YAML in place, ratchet-style
 * (`uses: o/r@<sha> # ratchet:o/r@v4`), editing only the bytes of the changed `uses:` lines.
 */
import { isDeepStrictEqual } from 'node:util';
import { UserError } from '../core/diagnostics.ts';
import { isFullSha, type ActionRef } from '../lock/lock.ts';
import {
  RATCHET_PREFIX,
  findRatchetToken,
  withRatchetToken,
  withoutRatchetToken,
} from './yaml-ratchet-comment.ts';
import {
  YamlSyntaxError,
  scanUses,
  type Scan,
  type ScanOptions,
  type ScannedSite,
  type UsesSite,
} from './yaml-refs.ts';

export interface Change {
  /** The site as it was before the change. */
  site: UsesSite;
  /** The new `uses:` value, without quotes. */
  value: string;
  /** The constraint now recorded in the `ratchet:` comment; undefined after unpinning. */
  ratchetConstraint?: string;
  /** The whole line before and after the change, without the line break. */
  before: string;
  after: string;
}

export interface RewriteResult {
  /** The new text; identical to the input when `changes` is empty. */
  text: string;
  changes: Change[];
}

/** A pinnable site: `wanted` is what to resolve. */
export type PinnableSite = UsesSite & { wanted: ActionRef };

/**
 * Returns the commit SHA (40 lowercase hex) to pin `site.wanted` to, or undefined to leave the
 * site as it is.
 */
export type ResolveSha = (site: PinnableSite) => string | undefined;

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Planned {
  scanned: ScannedSite;
  edits: Edit[];
  value: string;
  ratchetConstraint?: string;
}

/**
 * Pins every pinnable site: `o/r@v4` becomes `o/r@<sha> # ratchet:o/r@v4`, an already pinned
 * `o/r@<sha> # ratchet:o/r@v4` is moved to the SHA `resolve` gives for `o/r@v4`. Skipped sites
 * (see `UsesSite.skip`) and bare SHAs without a `ratchet:` comment are left alone and `resolve`
 * is not called for them.
 */
export function pinText(text: string, resolve: ResolveSha, opts: ScanOptions = {}): RewriteResult {
  const scan = scanUses(text, opts);
  const plans: Planned[] = [];
  for (const s of scan.sites) {
    const { site } = s;
    if (site.skip || !site.wanted) continue;
    if (site.pinnedSha && site.ratchetConstraint === undefined) continue;
    const sha = resolve(site as PinnableSite);
    if (sha === undefined) continue;
    if (!isFullSha(sha)) {
      throw new Error(`resolve returned "${sha}" for ${site.path}; expected a 40-hex commit SHA`);
    }
    const value = site.raw.slice(0, site.raw.lastIndexOf('@') + 1) + sha;
    const constraint = site.pinnedSha ? site.ratchetConstraint! : site.raw;
    const edits: Edit[] = [];
    if (value !== site.raw) edits.push(replaceValue(s, value));
    if (s.comment) {
      const next = withRatchetToken(s.comment.text, constraint);
      if (next !== s.comment.text) edits.push({ ...s.comment, text: next });
    } else {
      edits.push({
        start: s.contentEnd,
        end: s.contentEnd,
        text: ` # ${RATCHET_PREFIX}${constraint}`,
      });
    }
    if (edits.length) plans.push({ scanned: s, edits, value, ratchetConstraint: constraint });
  }
  return apply(text, scan, plans, opts);
}

/**
 * Restores the constraints: `o/r@<sha> # ratchet:o/r@v4` becomes `o/r@v4`, and the `ratchet:`
 * token leaves the comment (other comment text stays). A value that is not a SHA keeps its value
 * and only loses the token. Excluded, invalid and mismatched sites are left alone.
 */
export function unpinText(text: string, opts: ScanOptions = {}): RewriteResult {
  const scan = scanUses(text, opts);
  const plans: Planned[] = [];
  for (const s of scan.sites) {
    const { site, comment } = s;
    if (site.skip || site.ratchetConstraint === undefined || !comment) continue;
    const value = site.pinnedSha ? site.ratchetConstraint : site.raw;
    const edits: Edit[] = [];
    if (value !== site.raw) edits.push(replaceValue(s, value));
    const rest = withoutRatchetToken(comment.text);
    if (rest === undefined) {
      const token = findRatchetToken(comment.text)!;
      edits.push({ start: comment.gapStart, end: comment.start + token.end, text: '' });
    } else {
      edits.push({ ...comment, text: rest });
    }
    plans.push({ scanned: s, edits, value });
  }
  return apply(text, scan, plans, opts);
}

function replaceValue(s: ScannedSite, value: string): Edit {
  const q = s.site.quote;
  return { start: s.valueStart, end: s.valueEnd, text: `${q}${value}${q}` };
}

function apply(text: string, scan: Scan, plans: Planned[], opts: ScanOptions): RewriteResult {
  if (!plans.length) return { text, changes: [] };
  const file = opts.file ?? '<input>';
  refuseSharedLines(scan, plans, file);

  const out = applyEdits(text, plans);
  const problem = verify(text, out, plans, opts);
  if (problem) {
    // Name the line that causes it: the first plan that fails on its own.
    const culprit = plans.find((p) => verify(text, applyEdits(text, [p]), [p], opts)) ?? plans[0]!;
    const { line, col, path } = culprit.scanned.site;
    throw new UserError(`${file}:${line}:${col}: cannot pin this line safely`, [
      {
        severity: 'error',
        file,
        line,
        col,
        path,
        message: `editing this line in place would change the file's meaning (${problem}); nothing was written`,
        fix: "Put the step's uses: at the end of a line of its own.",
        rule: 'yaml-layout',
      },
    ]);
  }

  const changes = plans.map((p): Change => {
    const { lineStart, lineEnd } = p.scanned;
    let after = text.slice(lineStart, lineEnd);
    for (const e of [...p.edits].sort((a, b) => b.start - a.start)) {
      after = after.slice(0, e.start - lineStart) + e.text + after.slice(e.end - lineStart);
    }
    return {
      site: p.scanned.site,
      value: p.value,
      ...(p.ratchetConstraint !== undefined ? { ratchetConstraint: p.ratchetConstraint } : {}),
      before: text.slice(lineStart, lineEnd),
      after,
    };
  });
  return { text: out, changes };
}

function applyEdits(text: string, plans: Planned[]): string {
  const edits = plans.flatMap((p) => p.edits).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** One trailing comment cannot carry the constraints of two `uses:` on the same line. */
function refuseSharedLines(scan: Scan, plans: Planned[], file: string): void {
  for (const p of plans) {
    const other = scan.sites.find((s) => s !== p.scanned && s.lineStart === p.scanned.lineStart);
    if (!other) continue;
    const { line, col, path } = p.scanned.site;
    throw new UserError(`${file}:${line}:${col}: two uses: on one line`, [
      {
        severity: 'error',
        file,
        line,
        col,
        path,
        message: `shares its line with ${other.site.path}, so one trailing comment cannot record both constraints`,
        fix: 'Put each step on its own line.',
        rule: 'yaml-layout',
      },
    ]);
  }
}

/**
 * Re-reads the edited text and checks that it means exactly the old document with the new
 * values, and that each comment records what was planned. Returns what differs, if anything.
 */
function verify(
  before: string,
  after: string,
  plans: Planned[],
  opts: ScanOptions,
): string | undefined {
  let next: Scan;
  try {
    next = scanUses(after, opts);
  } catch (e) {
    if (e instanceof YamlSyntaxError) return `the result would not be valid YAML: ${e.message}`;
    throw e;
  }
  const old = scanUses(before, opts); // fresh: its nodes are updated below
  if (next.sites.length !== old.sites.length) return 'the number of uses: would change';
  const planned = new Map(plans.map((p) => [p.scanned.valueStart, p]));
  for (const [i, s] of old.sites.entries()) {
    const now = next.sites[i]!.site;
    const p = planned.get(s.valueStart);
    const want = p
      ? { raw: p.value, ratchetConstraint: p.ratchetConstraint }
      : { raw: s.site.raw, ratchetConstraint: s.site.ratchetConstraint };
    if (now.raw !== want.raw || now.ratchetConstraint !== want.ratchetConstraint) {
      return `${s.site.path} would read back as "${now.raw}"${now.ratchetConstraint ? ` # ratchet:${now.ratchetConstraint}` : ''}`;
    }
    if (p && s.node) s.node.value = p.value;
  }
  if (old.docs.length !== next.docs.length) return 'the number of documents would change';
  for (const [i, doc] of old.docs.entries()) {
    if (!isDeepStrictEqual(doc.toJS(), next.docs[i]!.toJS())) return 'other values would change';
  }
  return undefined;
}
