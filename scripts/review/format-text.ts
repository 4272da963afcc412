import pc from 'picocolors';
import { describeChange, SECTION_TITLES, summaryText, type Style, type Verb } from './describe.ts';
import { CHANGE_ORDER, NOTHING_TO_REPORT, type ReviewReport } from './report.ts';

export interface BaseInfo {
  /** The ref as the user named it, e.g. `origin/main`. */
  ref: string;
  commit: string;
}

const MARKERS: Record<Verb, string> = {
  added: '+',
  removed: '-',
  changed: '~',
  renamed: '~',
  widened: '~',
  narrowed: '~',
  error: '!',
};

/** Terminal text grouped per workflow file; colour only when asked (a TTY). */
export function formatText(report: ReviewReport, base: BaseInfo, color: boolean): string {
  if (!report.workflows.length) return NOTHING_TO_REPORT;
  const c = pc.createColors(color);
  const style: Style = { code: (s) => s, name: (s) => JSON.stringify(s), shaLength: 12 };
  const paint: Record<Verb, (s: string) => string> = {
    added: c.green,
    removed: c.red,
    changed: c.yellow,
    renamed: c.yellow,
    widened: c.red,
    narrowed: c.green,
    error: c.red,
  };
  const lines = [`Workflow changes since ${base.ref} (${base.commit.slice(0, 12)}):`];
  for (const wf of report.workflows) {
    const name = wf.name.after ?? wf.name.before;
    lines.push(
      '',
      `${c.bold(wf.file)}${name && name !== wf.file ? ` "${name}"` : ''} (${wf.status})`,
    );
    for (const kind of CHANGE_ORDER) {
      const changes = wf.changes.filter((ch) => ch.kind === kind);
      if (!changes.length) continue;
      lines.push(`  ${c.cyan(SECTION_TITLES[kind])}`);
      for (const ch of changes) {
        const { verb, text } = describeChange(ch, style);
        const warn = ch.security ? `${c.bold(c.yellow('⚠'))} ` : '';
        const label = verb === 'widened' || verb === 'narrowed' ? `${paint[verb](verb)} ` : '';
        lines.push(`    ${paint[verb](MARKERS[verb])} ${warn}${label}${text}`);
      }
    }
  }
  lines.push('', summaryText(report));
  return lines.join('\n');
}
