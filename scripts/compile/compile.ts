import type { Diagnostic } from '../core/diagnostics.ts';
import type { Workflow } from '../dsl/workflow.ts';
import type { YamlFile } from '../dsl/yaml-file.ts';
import type { Lock } from '../lock/lock.ts';
import { checkActionInputs, type BindingOverrides } from './checks/action-inputs.ts';
import { checkExpressions } from './checks/expressions.ts';
import { checkJobGraph } from './checks/job-graph.ts';
import { at } from './checks/report.ts';
import { checkStructure } from './checks/structure.ts';
import { checkTriggers } from './checks/triggers.ts';
import { emitYaml } from './emit.ts';
import type { LoadedSource } from './load.ts';
import { pathString, plain, workflowModel, type FileModel } from './model.ts';
import { headerLines } from './ownership.ts';
import { applyPins } from './pins.ts';

export interface CompiledFile {
  source: string;
  output: string;
  text: string;
  model: FileModel;
}

export interface CompileResult {
  files: CompiledFile[];
  diagnostics: Diagnostic[];
}

/** Loaded sources + lock → YAML texts. Pure: no I/O, so tests and watch mode can call it freely. */
export function compileSources(
  loaded: readonly LoadedSource[],
  lock: Lock,
  bindingOverrides?: BindingOverrides,
): CompileResult {
  const workflowPaths = new Map<Workflow, string>();
  for (const l of loaded) if (l.value.kind === 'workflow') workflowPaths.set(l.value, l.output);

  const files: CompiledFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const l of loaded) {
    const model =
      l.value.kind === 'workflow'
        ? workflowModel(l.value, l.source, l.output, { workflowPaths })
        : yamlFileModel(l.value, l.source, l.output);
    const found =
      l.value.kind === 'workflow'
        ? [
            ...checkStructure(model),
            ...checkJobGraph(
              model,
              l.value.spec.jobs.map((j) => j.id),
            ),
            ...checkExpressions(model),
            ...checkTriggers(model),
            ...checkActionInputs(model, bindingOverrides),
          ]
        : checkYamlFile(l.value, model);
    const pins = applyPins(model, lock);
    diagnostics.push(...found, ...pins.diagnostics);
    const text = emitYaml(model, { header: headerLines(l.source), usesComments: pins.comments });
    files.push({ source: l.source, output: l.output, text, model });
  }
  return { files, diagnostics };
}

function yamlFileModel(f: YamlFile, source: string, output: string): FileModel {
  return {
    source,
    output,
    kind: 'yaml',
    data: plain(f.data) as Record<string, unknown>,
    origins: new Map(f.origin ? [['', f.origin]] : []),
    uses: [],
    comments: new Map(),
  };
}

function checkYamlFile(f: YamlFile, model: FileModel): Diagnostic[] {
  const r = f.schema.safeParse(f.data);
  if (r.success) return [];
  return r.error.issues.map((i) =>
    at(
      model,
      pathString(i.path as (string | number)[]),
      `${i.message} (${f.schemaName})`,
      'structure',
    ),
  );
}
