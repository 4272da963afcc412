import { describeChange, SECTION_TITLES, summaryText, type Style } from './describe.ts';
import type { BaseInfo } from './format-text.ts';
import { CHANGE_ORDER, NOTHING_TO_REPORT, type Change, type ReviewReport } from './report.ts';

/** Inline code that survives backticks inside the value. */
function code(s: string): string {
  const fence = s.includes('`') ? '``' : '`';
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const style: Style = { code, name: code, shaLength: 40 };

type PinChange = Extract<Change, { kind: 'pin' }>;

function pinTable(pins: PinChange[]): string[] {
  const constraints = (list: PinChange['before']) =>
    list.map((x) => (x.constraint ? code(x.constraint) : '—')).join('<br>');
  const shas = (list: PinChange['before']) =>
    list
      .map((x) => (x.sha ? code(x.sha) : `⚠ ${code(x.ref || '(local)')} is not a SHA`))
      .join('<br>');
  const rows = pins.map((p) =>
    [
      `${p.security ? '⚠ ' : ''}${code(p.action)}`,
      `${constraints(p.before)} → ${constraints(p.after)}`,
      shas(p.before),
      shas(p.after),
    ].map(cell),
  );
  return [
    '| Action | Constraint | Old SHA | New SHA |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** A PR-comment-ready summary: a heading per workflow, bullets, pins in a table, ⚠ on security. */
export function formatMarkdown(report: ReviewReport, base: BaseInfo): string {
  if (!report.workflows.length) return `${NOTHING_TO_REPORT} (compared with ${code(base.ref)}).`;
  const lines = [
    `## Workflow review: changes since ${code(base.ref)} (${code(base.commit.slice(0, 12))})`,
    '',
    summaryText(report),
  ];
  for (const wf of report.workflows) {
    const name = wf.name.after ?? wf.name.before;
    lines.push(
      '',
      `### ${code(wf.file)}${name && name !== wf.file ? ` — ${name}` : ''} (${wf.status})`,
    );
    for (const kind of CHANGE_ORDER) {
      const changes = wf.changes.filter((ch) => ch.kind === kind);
      if (!changes.length) continue;
      lines.push('', `**${SECTION_TITLES[kind]}**`, '');
      if (kind === 'pin') {
        lines.push(...pinTable(changes as PinChange[]));
        continue;
      }
      for (const ch of changes) {
        const { verb, text } = describeChange(ch, style);
        lines.push(`- ${ch.security ? '⚠ ' : ''}**${verb}** ${text}`);
      }
    }
  }
  return lines.join('\n');
}
