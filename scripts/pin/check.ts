import type { Diagnostic } from '../core/diagnostics.ts';
import { LOCK_PATH, lockKey, type Lock } from '../lock/lock.ts';
import type { UsedRef } from './types.ts';
import { findUsesSites } from './yaml-refs.ts';

export interface YamlFile {
  /** Repository-relative path. */
  file: string;
  text: string;
}

/**
 * The offline `pnpm pin --check`: every ref the sources use is in the lock, and every `uses:` of
 * the YAML files is pinned to a full SHA or explicitly excluded (excluded ones are warnings).
 */
export function checkPins(
  refs: readonly UsedRef[],
  lock: Lock,
  yaml: readonly YamlFile[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const used = new Set<string>();
  for (const u of refs) {
    const where = {
      file: u.file,
      ...(u.line ? { line: u.line } : {}),
      path: u.path,
      rule: 'pin-check',
    };
    const key = lockKey(u.ref);
    if (u.excluded !== undefined) {
      out.push({
        ...where,
        severity: 'warning',
        message: `${key} is not pinned (ratchet:exclude): ${u.excluded}`,
      });
      continue;
    }
    used.add(key);
    if (!lock.actions[key])
      out.push({
        ...where,
        severity: 'error',
        message: `${key} is not in ${LOCK_PATH}.`,
        fix: 'Run `pnpm pin`.',
      });
  }
  for (const key of Object.keys(lock.actions).sort()) {
    if (!used.has(key) && refs.length > 0)
      out.push({
        severity: 'warning',
        file: LOCK_PATH,
        path: key,
        message: `${key} is not used by any source.`,
        fix: 'Run `pnpm pin` to drop it.',
        rule: 'pin-check',
      });
  }
  for (const { file, text } of yaml) {
    for (const site of findUsesSites(text, { file })) {
      const where = { file, line: site.line, col: site.col, path: site.path, rule: 'pin-check' };
      switch (site.skip) {
        case 'local':
        case 'docker':
          continue;
        case 'excluded':
          out.push({
            ...where,
            severity: 'warning',
            message: `${site.raw} is not pinned (ratchet:exclude${reasonOf(site.comment)})`,
          });
          continue;
        case 'expression':
          out.push({
            ...where,
            severity: 'error',
            message: `${site.raw} is computed at run time and cannot be pinned.`,
            fix: 'Write the action reference literally, or mark the line `# ratchet:exclude` with a reason.',
          });
          continue;
        case 'invalid':
        case 'mismatch':
          out.push({
            ...where,
            severity: 'error',
            message: site.problem ?? `${site.raw} is not a valid action reference`,
          });
          continue;
      }
      if (!site.pinnedSha)
        out.push({
          ...where,
          severity: 'error',
          message: `${site.raw} is not pinned to a commit SHA.`,
          fix: /^\.github\/workflows\//.test(file)
            ? 'Run `pnpm pin` (then `pnpm gen`), or `pnpm pin FILE` for a hand-written file.'
            : 'Run `pnpm pin FILE`.',
        });
    }
  }
  return out;
}

function reasonOf(comment: string | undefined): string {
  const m = comment ? /ratchet:exclude\s*(.*)$/.exec(comment) : null;
  return m?.[1] ? ` ${m[1]}` : '';
}
