import type { FileChange } from '../core/atomic-write.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { ActionBinding } from '../dsl/action.ts';
import type { Lock } from '../lock/lock.ts';
import type { UsedRef } from './types.ts';

/** The two things pinning needs from the compiler; injectable so tests need no sources. */
export interface CompilerHooks {
  /** Every remote `uses:` of workflows-src/, with its source position. */
  collectUsedRefs(cwd: string): Promise<UsedRef[]>;
  /** Regenerates .github/ from the sources and the lock on disk. */
  generate(opts: GenerateOptions): Promise<GenerateResult>;
}

export interface GenerateOptions {
  cwd: string;
  check?: boolean;
  /** Compile against this lock instead of the one on disk. */
  lock?: Lock;
  /** Written in the same all-or-nothing write as the workflows (lock, binding modules). */
  extraChanges?: readonly FileChange[];
  /** Bindings about to be written, checked in place of the loaded modules. */
  bindingOverrides?: ReadonlyMap<string, ActionBinding<object, string>>;
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
