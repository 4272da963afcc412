import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { Workflow } from '../dsl/workflow.ts';
import type { YamlFile } from '../dsl/yaml-file.ts';
import type { SourceFile } from './sources.ts';

export interface LoadedSource extends SourceFile {
  value: Workflow | YamlFile;
}

/**
 * Imports every source (in parallel) and checks its default export. `bust` makes Node load fresh
 * modules (watch mode), since ES modules cannot be evicted from the cache.
 */
export async function loadSources(
  cwd: string,
  files: readonly SourceFile[],
  bust?: string,
): Promise<{ loaded: LoadedSource[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const results = await Promise.all(
    files.map(async (f) => {
      const url = pathToFileURL(join(cwd, f.source)).href + (bust ? `?v=${bust}` : '');
      try {
        const mod = (await import(url)) as { default?: unknown };
        const value = mod.default as { kind?: unknown } | undefined;
        if (!value || (value.kind !== 'workflow' && value.kind !== 'yaml-file')) {
          diagnostics.push({
            severity: 'error',
            file: f.source,
            message:
              'the default export must be a defineWorkflow(...) or defineYamlFile(...) value',
            rule: 'structure',
          });
          return undefined;
        }
        return { ...f, value: value as Workflow | YamlFile };
      } catch (e) {
        diagnostics.push(loadError(f.source, e as Error));
        return undefined;
      }
    }),
  );
  return { loaded: results.filter((r): r is LoadedSource => r !== undefined), diagnostics };
}

/** An exception while evaluating a source, located at its first frame inside that source. */
function loadError(source: string, err: Error): Diagnostic {
  const frame = err.stack?.split('\n').find((l) => l.includes(source));
  const m = frame && /:(\d+):(\d+)\)?$/.exec(frame.trim());
  return {
    severity: 'error',
    file: source,
    ...(m ? { line: Number(m[1]), col: Number(m[2]) } : {}),
    message: `failed to evaluate: ${err.message}`,
    rule: 'load',
  };
}
