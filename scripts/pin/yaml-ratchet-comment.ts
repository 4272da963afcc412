/**
 * The `ratchet:` token inside a trailing YAML comment, as sethvargo/ratchet reads and writes it:
 * `# ratchet:owner/repo@v4` records the constraint a pinned SHA came from, `# ratchet:exclude`
 * keeps a line unpinned. These functions work on the comment token text (starting with `#`).
 */

export const RATCHET_PREFIX = 'ratchet:';
export const RATCHET_EXCLUDE = 'ratchet:exclude';

export interface RatchetToken {
  /** What follows `ratchet:` up to the next whitespace, e.g. `actions/checkout@v4` or `exclude`. */
  value: string;
  /** Offsets of `ratchet:…` inside the comment text. */
  start: number;
  end: number;
}

// A token starts at the beginning of the comment body or after whitespace, so that a word such
// as `noratchet:x` or a URL does not count.
const TOKEN = /(?<=^#?|\s)ratchet:(\S*)/;

export function findRatchetToken(comment: string): RatchetToken | undefined {
  const m = TOKEN.exec(comment);
  if (!m) return undefined;
  return { value: m[1]!, start: m.index, end: m.index + m[0].length };
}

export function isExcluded(comment: string): boolean {
  return findRatchetToken(comment)?.value === 'exclude';
}

/** The comment with its `ratchet:` token set to `constraint` (replaced in place, or appended). */
export function withRatchetToken(comment: string, constraint: string): string {
  const token = `${RATCHET_PREFIX}${constraint}`;
  const found = findRatchetToken(comment);
  if (found) return comment.slice(0, found.start) + token + comment.slice(found.end);
  const body = comment.trimEnd();
  return `${body} ${token}${comment.slice(body.length)}`;
}

/**
 * The comment without its `ratchet:` token and one whitespace next to it; `undefined` when nothing
 * but `#` and whitespace would remain (the caller then removes the whole comment).
 */
export function withoutRatchetToken(comment: string): string | undefined {
  const found = findRatchetToken(comment);
  if (!found) return comment;
  let { start, end } = found;
  if (/\s/.test(comment[start - 1] ?? '')) start--;
  else if (/\s/.test(comment[end] ?? '')) end++;
  const rest = comment.slice(0, start) + comment.slice(end);
  return /^#\s*$/.test(rest) ? undefined : rest;
}
