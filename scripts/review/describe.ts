import { describePermissions } from './permissions.ts';
import type { Change, FilterDiff, Pin, ReviewReport } from './report.ts';
import { countSecurity } from './report.ts';

/** The wording shared by the text and markdown renderers; only the quoting differs. */
export interface Style {
  /** Quotes a literal (an event, a job id, a SHA). */
  code: (s: string) => string;
  /** Quotes a display name (a status check, a workflow name). */
  name: (s: string) => string;
  /** How many characters of a SHA to show. */
  shaLength: number;
}

export type Verb = 'added' | 'removed' | 'changed' | 'renamed' | 'widened' | 'narrowed' | 'error';

export interface Described {
  verb: Verb;
  text: string;
}

export const SECTION_TITLES: Record<Change['kind'], string> = {
  'parse-error': 'YAML',
  'workflow-name': 'Workflow name',
  trigger: 'Triggers',
  permissions: 'Permissions',
  job: 'Jobs (status checks)',
  runner: 'Runners',
  action: 'Actions',
  pin: 'Pins',
  secret: 'Secrets newly referenced',
};

const DEFAULT_TOKEN_NOTE =
  'no `permissions:` block, so it gets the default GITHUB_TOKEN permissions set in the repository settings (write to most scopes on permissive repositories)';

const PRIVILEGED_NOTES: Record<string, string> = {
  pull_request_target:
    'runs with secrets and a write token in the context of the base branch, also for pull requests from forks',
  workflow_run: 'runs with secrets after other workflows, including ones triggered from forks',
};

export function pinText(p: Pin, style: Style): string {
  if (!p.ref) return ''; // local actions and docker images carry no ref
  if (!p.sha) return `${style.code(p.ref)} (not pinned to a SHA)`;
  const sha = style.code(p.sha.slice(0, style.shaLength));
  return p.constraint ? `${style.code(p.constraint)} @ ${sha}` : sha;
}

export function pinsText(pins: Pin[], style: Style): string {
  return pins
    .map((p) => pinText(p, style))
    .filter(Boolean)
    .join(', ');
}

function list(items: string[], style: Style, sign = ''): string {
  return items.map((i) => `${sign}${style.code(i)}`).join(', ');
}

function filterText(d: FilterDiff, style: Style, wholeEvent: boolean): string {
  if (wholeEvent) return `${d.filter}: ${list([...d.added, ...d.removed], style)}`;
  if (d.status === 'removed') {
    return `${d.filter} filter removed (was ${list(d.removed, style)}), so it no longer limits the event`;
  }
  if (d.status === 'added') return `${d.filter} filter added: ${list(d.added, style)}`;
  const parts = [
    ...(d.added.length ? [list(d.added, style, '+')] : []),
    ...(d.removed.length ? [list(d.removed, style, '−')] : []),
    ...d.changed.map(
      (c) =>
        `${style.code(c.key)} ${style.code(c.before || '(empty)')} → ${style.code(c.after || '(empty)')}`,
    ),
  ];
  return `${d.filter}: ${parts.join(', ')}`;
}

function checkName(name: string | undefined, style: Style): string {
  return style.name(name ?? '');
}

export function describeChange(c: Change, style: Style): Described {
  const q = style.code;
  switch (c.kind) {
    case 'parse-error':
      return { verb: 'error', text: `the ${c.side} version is not valid YAML: ${c.message}` };
    case 'workflow-name':
      return {
        verb: 'renamed',
        text: `${style.name(c.before ?? '(none)')} → ${style.name(c.after ?? '(none)')}`,
      };
    case 'trigger': {
      const whole = c.change !== 'changed';
      const filters = c.filters.map((f) => filterText(f, style, whole)).join('; ');
      const note = c.change === 'added' ? PRIVILEGED_NOTES[c.event] : undefined;
      const text = [q(c.event), filters, note].filter(Boolean).join(' — ');
      return { verb: c.change, text };
    }
    case 'permissions': {
      const subject = c.job ? `job ${q(c.job)}` : 'workflow';
      const defaultNote = c.after.kind === 'default' ? ` — ${DEFAULT_TOKEN_NOTE}` : '';
      if (c.direction === 'new') {
        return { verb: 'added', text: `${subject}: ${describePermissions(c.after)}${defaultNote}` };
      }
      const what = c.scopes.length
        ? c.scopes.map((s) => `${s.scope}: ${s.before} → ${s.after}`).join(', ')
        : `${describePermissions(c.before!)} → ${describePermissions(c.after)}`;
      const depends =
        c.direction === 'changed' ? ' (wider or narrower depending on the repository default)' : '';
      return { verb: c.direction, text: `${subject}: ${what}${depends}${defaultNote}` };
    }
    case 'job':
      if (c.change === 'added') {
        return {
          verb: 'added',
          text: `${q(c.job)} — check ${checkName(c.checkName.after, style)}, runs on ${q(c.runsOn ?? '')}`,
        };
      }
      if (c.change === 'removed') {
        return {
          verb: 'removed',
          text: `${q(c.job)} — check ${checkName(c.checkName.before, style)} will no longer be reported; if it is a required status check, merges will block`,
        };
      }
      return {
        verb: 'renamed',
        text: `${q(c.job)} — check ${checkName(c.checkName.before, style)} → ${checkName(c.checkName.after, style)}; required status checks match the name, update branch protection`,
      };
    case 'runner':
      return {
        verb: 'changed',
        text: `${q(c.job)}: ${q(c.before)} → ${q(c.after)}${c.security ? ' — now self-hosted' : ''}`,
      };
    case 'action': {
      const where = c.jobs.length ? ` in ${c.jobs.map(q).join(', ')}` : '';
      const pinned = c.change === 'added' ? pinsText(c.pins, style) : '';
      const pins = pinned ? ` ${pinned}` : '';
      const third = c.change === 'added' && c.thirdParty ? ' — third-party' : '';
      return { verb: c.change, text: `${q(c.action)}${pins}${where}${third}` };
    }
    case 'pin':
      return {
        verb: 'changed',
        text: `${q(c.action)}: ${pinsText(c.before, style)} → ${pinsText(c.after, style)}`,
      };
    case 'secret': {
      const name =
        c.secret === '*'
          ? `all secrets (${q('toJSON(secrets)')})`
          : c.secret === 'inherit'
            ? `all secrets (${q('secrets: inherit')} to a called workflow)`
            : q(c.secret);
      return { verb: 'added', text: `${name} in ${c.where.map(q).join(', ')}` };
    }
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 workflow files (1 added, 2 modified); 4 security-relevant (⚠)`. */
export function summaryText(report: ReviewReport): string {
  const byStatus = (s: string) => report.workflows.filter((w) => w.status === s).length;
  const parts = (['added', 'removed', 'modified'] as const)
    .map((s) => [s, byStatus(s)] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const security = countSecurity(report);
  return `${plural(report.workflows.length, 'workflow file')} (${parts.join(', ')}); ${security} security-relevant (⚠)`;
}
