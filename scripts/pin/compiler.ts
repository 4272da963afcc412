import type { Diagnostic } from '../core/diagnostics.ts';
import type { UsedRef } from './types.ts';

/** The two things pinning needs from the compiler; injectable so tests need no sources. */
export interface CompilerHooks {
  /** Every remote `uses:` of workflows-src/, with its source position. */
  collectUsedRefs(cwd: string): Promise<UsedRef[]>;
  /** Regenerates .github/ from the sources and the lock on disk. */
  generate(opts: { cwd: string; check?: boolean }): Promise<GenerateResult>;
}

export interface GenerateResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  changed: string[];
}

/** Loaded on first use, so that pinning hand-written YAML never evaluates the sources. */
export const compilerHooks: CompilerHooks = {
  async collectUsedRefs(cwd) {
    return (await import('../compile/refs.ts')).collectUsedRefs(cwd);
  },
  async generate(opts) {
    return (await import('../compile/generate.ts')).generate(opts);
  },
};
