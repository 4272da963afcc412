import type { FilterDiff, TriggerChange } from './report.ts';
import type { FilterValue, TriggerFilters } from './workflow-facts.ts';

/**
 * Events that run with secrets and a write token on code or data from outside the repository
 * (forks, other workflows' artifacts): adding one is a security decision.
 */
const PRIVILEGED_EVENTS = new Set(['pull_request_target', 'workflow_run']);

const EMPTY_FILTER: FilterValue = { kind: 'set', items: [] };

function diffFilter(
  filter: string,
  before: FilterValue | undefined,
  after: FilterValue | undefined,
): FilterDiff {
  const status = !before ? 'added' : !after ? 'removed' : 'changed';
  const d: FilterDiff = { filter, status, added: [], removed: [], changed: [] };
  before ??= EMPTY_FILTER;
  after ??= EMPTY_FILTER;
  if (before.kind === 'keyed' && after.kind === 'keyed') {
    for (const [key, value] of Object.entries(after.items)) {
      const old = before.items[key];
      if (old === undefined) d.added.push(entry(key, value));
      else if (old !== value) d.changed.push({ key, before: old, after: value });
    }
    for (const [key, value] of Object.entries(before.items)) {
      if (!(key in after.items)) d.removed.push(entry(key, value));
    }
    return d;
  }
  const b = itemsOf(before);
  const a = itemsOf(after);
  d.added = a.filter((x) => !b.includes(x));
  d.removed = b.filter((x) => !a.includes(x));
  return d;
}

function entry(key: string, value: string): string {
  return value ? `${key} (${value})` : key;
}

function itemsOf(v: FilterValue): string[] {
  return v.kind === 'set' ? v.items : Object.entries(v.items).map(([k, x]) => entry(k, x));
}

function isEmpty(d: FilterDiff): boolean {
  return !d.added.length && !d.removed.length && !d.changed.length;
}

function diffFilters(before: TriggerFilters, after: TriggerFilters): FilterDiff[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.map((n) => diffFilter(n, before.get(n), after.get(n))).filter((d) => !isEmpty(d));
}

/** Events added, removed, or with different filters; sorted by event name. */
export function diffTriggers(
  before: Map<string, TriggerFilters>,
  after: Map<string, TriggerFilters>,
): TriggerChange[] {
  const events = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: TriggerChange[] = [];
  for (const event of events) {
    const b = before.get(event);
    const a = after.get(event);
    const filters = diffFilters(b ?? new Map(), a ?? new Map());
    if (!b) {
      changes.push({
        kind: 'trigger',
        change: 'added',
        event,
        filters,
        security: PRIVILEGED_EVENTS.has(event),
      });
    } else if (!a) {
      changes.push({ kind: 'trigger', change: 'removed', event, filters, security: false });
    } else if (filters.length) {
      const security = PRIVILEGED_EVENTS.has(event);
      changes.push({ kind: 'trigger', change: 'changed', event, filters, security });
    }
  }
  return changes;
}
