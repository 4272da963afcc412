import { CronExpressionParser } from 'cron-parser';
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { FileModel } from '../model.ts';
import { at } from './report.ts';

/** GitHub's schedule syntax: five fields (no seconds), with names for months and weekdays. */
export function cronError(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5)
    return `expected 5 fields (minute hour day month weekday), got ${fields.length}`;
  try {
    CronExpressionParser.parse(cron, { strict: false });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function checkTriggers(model: FileModel): Diagnostic[] {
  const on = model.data.on as Record<string, unknown> | undefined;
  const out: Diagnostic[] = [];
  if (!on || (typeof on === 'object' && Object.keys(on).length === 0)) {
    out.push(at(model, 'on', 'the workflow has no trigger', 'triggers'));
    return out;
  }
  const schedule = (on.schedule ?? []) as { cron?: unknown }[];
  schedule.forEach((s, i) => {
    const err = typeof s.cron === 'string' ? cronError(s.cron) : 'cron must be a string';
    if (err)
      out.push(
        at(model, `on.schedule[${i}].cron`, `invalid cron "${String(s.cron)}": ${err}`, 'triggers'),
      );
  });
  for (const ev of ['push', 'pull_request', 'pull_request_target'] as const) {
    const f = on[ev] as Record<string, unknown> | null | undefined;
    if (!f) continue;
    for (const [a, b] of [
      ['branches', 'branches-ignore'],
      ['tags', 'tags-ignore'],
      ['paths', 'paths-ignore'],
    ]) {
      if (f[a!] && f[b!])
        out.push(
          at(model, `on.${ev}`, `"${a}" and "${b}" cannot both be set for one event`, 'triggers'),
        );
    }
  }
  return out;
}
