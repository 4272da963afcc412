import type { Access, PermissionChange, PermissionsSpec, ScopeDiff } from './report.ts';

/** Scopes a workflow can set; `read-all` / `write-all` expand to all of them. */
export const PERMISSION_SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
] as const;

const RANK: Record<Access, number> = { none: 0, read: 1, write: 2 };

/**
 * What the repository default token can get, at most and at least: the "permissive" setting grants
 * write on every scope but `id-token`; the "restricted" setting grants read on contents and
 * packages. Which one applies is a repository setting that the YAML does not show.
 */
const PERMISSIVE_DEFAULT: Record<string, Access> = Object.fromEntries(
  PERMISSION_SCOPES.map((s) => [s, s === 'id-token' ? 'none' : 'write']),
);
const RESTRICTED_DEFAULT: Record<string, Access> = { contents: 'read', packages: 'read' };

/** Reads a `permissions:` value; absent means the repository default token. */
export function parsePermissions(value: unknown): PermissionsSpec {
  if (value === undefined || value === null) return { kind: 'default' };
  if (value === 'read-all') return { kind: 'read-all' };
  if (value === 'write-all') return { kind: 'write-all' };
  if (typeof value === 'object' && !Array.isArray(value)) {
    const scopes: Record<string, Access> = {};
    for (const [scope, level] of Object.entries(value as Record<string, unknown>)) {
      scopes[scope] = level === 'write' || level === 'read' ? level : 'none';
    }
    return { kind: 'scopes', scopes };
  }
  // Anything else is invalid YAML for GitHub; show it as the default so it is not silently lost.
  return { kind: 'default' };
}

/** Explicit scope levels; undefined for the repository default. */
function expand(spec: PermissionsSpec): Record<string, Access> | undefined {
  switch (spec.kind) {
    case 'default':
      return undefined;
    case 'read-all':
      return Object.fromEntries(PERMISSION_SCOPES.map((s) => [s, 'read' as Access]));
    case 'write-all':
      return Object.fromEntries(PERMISSION_SCOPES.map((s) => [s, 'write' as Access]));
    case 'scopes':
      return spec.scopes;
  }
}

function diffScopes(before: Record<string, Access>, after: Record<string, Access>): ScopeDiff[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names
    .map((scope) => ({ scope, before: before[scope] ?? 'none', after: after[scope] ?? 'none' }))
    .filter((d) => d.before !== d.after);
}

function grantsMore(a: Record<string, Access>, b: Record<string, Access>): boolean {
  return Object.entries(a).some(([s, level]) => RANK[level] > RANK[b[s] ?? 'none']);
}

export function samePermissions(a: PermissionsSpec, b: PermissionsSpec): boolean {
  const ea = expand(a);
  const eb = expand(b);
  if (!ea || !eb) return a.kind === b.kind;
  return diffScopes(ea, eb).length === 0;
}

/** True when the token may write somewhere (the default token may, on permissive repositories). */
export function mayWrite(spec: PermissionsSpec): boolean {
  const e = expand(spec);
  return !e || Object.values(e).includes('write');
}

type Comparison = Pick<PermissionChange, 'direction' | 'scopes'>;

/** Compares two declared permission sets; undefined when they grant the same. */
export function comparePermissions(
  before: PermissionsSpec,
  after: PermissionsSpec,
): Comparison | undefined {
  if (samePermissions(before, after)) return undefined;
  const eb = expand(before);
  const ea = expand(after);
  if (eb && ea) {
    const scopes = diffScopes(eb, ea);
    const widened = scopes.some((d) => RANK[d.after] > RANK[d.before]);
    return { direction: widened ? 'widened' : 'narrowed', scopes };
  }
  // One side is the repository default, which the YAML does not show: judge against both settings.
  if (ea) {
    if (grantsMore(ea, PERMISSIVE_DEFAULT)) return { direction: 'widened', scopes: [] };
    if (!grantsMore(ea, RESTRICTED_DEFAULT)) return { direction: 'narrowed', scopes: [] };
    return { direction: 'changed', scopes: [] };
  }
  const direction = grantsMore(PERMISSIVE_DEFAULT, eb!) ? 'widened' : 'narrowed';
  return { direction, scopes: [] };
}

/** `contents: write, id-token: write`, `read-all`, `{}` (no access), or `default token`. */
export function describePermissions(spec: PermissionsSpec): string {
  switch (spec.kind) {
    case 'default':
      return 'default token (repository setting)';
    case 'read-all':
    case 'write-all':
      return spec.kind;
    case 'scopes': {
      const entries = Object.entries(spec.scopes).sort(([a], [b]) => a.localeCompare(b));
      return entries.length ? entries.map(([s, l]) => `${s}: ${l}`).join(', ') : 'none (`{}`)';
    }
  }
}
