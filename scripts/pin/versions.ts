/** Version tags like `v4`, `v4.1`, `4.1.2`: the shapes action constraints take. */
export interface Version {
  prefix: '' | 'v';
  parts: number[];
}

const VERSION = /^(v?)(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;

export function parseVersion(name: string): Version | undefined {
  const m = VERSION.exec(name);
  if (!m) return undefined;
  const parts = [m[2], m[3], m[4]].filter((p): p is string => p !== undefined).map(Number);
  return { prefix: m[1] as '' | 'v', parts };
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.parts.length, b.parts.length); i++) {
    const d = (a.parts[i] ?? 0) - (b.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function formatVersion(v: Version): string {
  return v.prefix + v.parts.join('.');
}

export interface Upgrade {
  /** Newest tag with the constraint's precision and prefix. */
  latest: string;
  /** Newest such tag of the constraint's own major, when it is not `latest` (`v4.1` → `v4.3`). */
  sameMajor?: string;
}

/**
 * The newer tags a constraint could move to, keeping its precision: `v4` → `v5`,
 * `v4.1` → `v4.2` or `v5.0`, `v4.1.1` → `v4.1.2`. Pre-release and other tags are ignored.
 */
export function findUpgrade(constraint: string, tagNames: readonly string[]): Upgrade | undefined {
  const cur = parseVersion(constraint);
  if (!cur) return undefined;
  const same = tagNames
    .map(parseVersion)
    .filter(
      (v): v is Version =>
        v !== undefined && v.prefix === cur.prefix && v.parts.length === cur.parts.length,
    )
    .filter((v) => compareVersions(v, cur) > 0)
    .sort(compareVersions);
  const latest = same.at(-1);
  if (!latest) return undefined;
  const inMajor = same.filter((v) => v.parts[0] === cur.parts[0]).at(-1);
  return {
    latest: formatVersion(latest),
    ...(inMajor && cur.parts.length > 1 && compareVersions(inMajor, latest) !== 0
      ? { sameMajor: formatVersion(inMajor) }
      : {}),
  };
}
