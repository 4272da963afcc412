import type { ContextRef } from './expressions.ts';

/**
 * Event fields that whoever opens an issue, a pull request, a comment or pushes a commit controls.
 * `*` matches one segment (an array index or a key).
 */
const UNTRUSTED: string[] = [
  'github.head_ref',
  'github.event.issue.title',
  'github.event.issue.body',
  'github.event.pull_request.title',
  'github.event.pull_request.body',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.label',
  'github.event.pull_request.head.repo.default_branch',
  'github.event.comment.body',
  'github.event.review.body',
  'github.event.review_comment.body',
  'github.event.discussion.title',
  'github.event.discussion.body',
  'github.event.pages.*.page_name',
  'github.event.commits.*.message',
  'github.event.commits.*.author.email',
  'github.event.commits.*.author.name',
  'github.event.head_commit.message',
  'github.event.head_commit.author.email',
  'github.event.head_commit.author.name',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.display_title',
  'github.event.workflow_run.head_commit.message',
  'github.event.workflow_run.head_commit.author.email',
  'github.event.workflow_run.head_commit.author.name',
  'github.event.workflow_run.pull_requests.*.head.ref',
];
const PATTERNS = UNTRUSTED.map((p) => p.split('.'));

function normalize(segments: string[]): string[] {
  return segments.map((s) => (/^\d+$/.test(s) ? '*' : s));
}

function matches(pattern: string[], segs: string[], len: number): boolean {
  for (let i = 0; i < len; i++) {
    const p = pattern[i]!;
    const s = segs[i]!;
    if (p !== '*' && s !== '*' && p !== s) return false;
  }
  return true;
}

/**
 * Whether the reference expands attacker-controlled text: an untrusted field itself, something
 * inside one, or a whole object containing one (`toJSON(github.event.pull_request)`).
 */
export function isUntrusted(ref: ContextRef): boolean {
  const segs = normalize(ref.segments);
  if (segs[0] !== 'github') return false;
  return PATTERNS.some((p) => {
    if (segs.length >= p.length) return matches(p, segs, p.length);
    return segs.length >= 2 && segs[1] === 'event' && matches(p, segs, segs.length);
  });
}
