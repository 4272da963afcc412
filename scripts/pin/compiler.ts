import type { GenerateOptions, GenerateResult as FullGenerateResult } from '../compile/generate.ts';
import type { UsedRef } from './types.ts';

/** The two things pinning needs from the compiler; injectable so tests need no sources. */
export interface CompilerHooks {
  /** Every remote `uses:` of workflows-src/, with its source position. */
  collectUsedRefs(cwd: string): Promise<UsedRef[]>;
  /** Regenerates .github/ from the sources and the lock on disk. */
  generate(opts: GenerateOptions): Promise<GenerateResult>;
}

/** What pinning reads of a generate run (test stand-ins return just this). */
export type GenerateResult = Pick<FullGenerateResult, 'ok' | 'diagnostics' | 'changed'>;
export type { GenerateOptions };

/** Loaded on first use, so that pinning hand-written YAML never evaluates the sources. */
export const compilerHooks: CompilerHooks = {
  async collectUsedRefs(cwd) {
    return (await import('../compile/refs.ts')).collectUsedRefs(cwd);
  },
  async generate(opts) {
    return (await import('../compile/generate.ts')).generate(opts);
  },
};
