import type { Diagnostic } from '../core/diagnostics.ts';
import type { UsedRef } from './types.ts';

/**
 * The two things pinning needs from the compiler, loaded lazily (and by a computed specifier) so
 * that pinning hand-written YAML works without the compiler and its sources.
 */
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

const REFS_MODULE = '../compile/refs.ts';
const GENERATE_MODULE = '../compile/generate.ts';

export const compilerHooks: CompilerHooks = {
  async collectUsedRefs(cwd) {
    const mod = (await import(REFS_MODULE)) as Pick<CompilerHooks, 'collectUsedRefs'>;
    return mod.collectUsedRefs(cwd);
  },
  async generate(opts) {
    const mod = (await import(GENERATE_MODULE)) as Pick<CompilerHooks, 'generate'>;
    return mod.generate(opts);
  },
};
