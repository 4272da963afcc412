import { parse } from 'yaml';
import { z } from 'zod';
import type { InputMeta } from '../dsl/action.ts';
import { UserError } from '../core/diagnostics.ts';

/** What a typed binding is generated from: the parts of an action.yml that authoring can check. */
export interface ActionMetadata {
  /** The file it was read from, relative to the action's folder. */
  file: 'action.yml' | 'action.yaml';
  description?: string;
  /** In declaration order, as action.yml lists them. */
  inputs: Record<string, InputMeta>;
  outputs: Record<string, { description?: string }>;
  /** `runs.using`; absent in a few very old actions (`runs.plugin`). */
  runsUsing?: string;
}

/** Where a metadata file came from, for error messages: `owner/repo[/path]`, commit, file name. */
export interface MetadataSource {
  action: string;
  sha: string;
  file: ActionMetadata['file'];
}

/** A metadata file that is not a valid action.yml: names the action, commit and field. */
export class MetadataError extends UserError {
  constructor(source: MetadataSource, detail: string) {
    super(`${source.action}@${source.sha} (${source.file}): ${detail}`);
    this.name = 'MetadataError';
  }
}

// YAML turns `default: true` or `default: 3` into a boolean or number; GitHub reads them as text.
const scalarText = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((v) => (v === null ? undefined : String(v)));

// `required: 'false'` is as common in the wild as `required: false`; the runner accepts both.
const requiredFlag = z
  .union([z.boolean(), z.enum(['true', 'false']), z.null()])
  .transform((v) => v === true || v === 'true');

const InputSchema = z.looseObject({
  description: scalarText.optional(),
  required: requiredFlag.optional(),
  default: scalarText.optional(),
  deprecationMessage: scalarText.optional(),
});

const OutputSchema = z.looseObject({ description: scalarText.optional() });

// An input or output written as a bare key (`name:`) has no properties at all.
const orEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null ? {} : v), schema);

const MetadataSchema = z.looseObject({
  description: scalarText.optional(),
  inputs: z.record(z.string(), orEmpty(InputSchema)).nullish(),
  outputs: z.record(z.string(), orEmpty(OutputSchema)).nullish(),
  runs: z.looseObject({ using: z.string().optional() }),
});

/** Parses and validates an action.yml; throws MetadataError naming the action, commit and field. */
export function parseActionMetadata(text: string, source: MetadataSource): ActionMetadata {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new MetadataError(source, `not valid YAML: ${firstLine((e as Error).message)}`);
  }
  const r = MetadataSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const at = issue.path.length ? issue.path.join('.') : 'the document';
    throw new MetadataError(source, `${at}: ${issue.message}`);
  }
  const inputs: Record<string, InputMeta> = {};
  for (const [name, i] of Object.entries(r.data.inputs ?? {})) {
    inputs[name] = {
      ...(i.description !== undefined ? { description: i.description } : {}),
      required: i.required ?? false,
      ...(i.default !== undefined ? { default: i.default } : {}),
      ...(i.deprecationMessage ? { deprecationMessage: i.deprecationMessage } : {}),
    };
  }
  const outputs: ActionMetadata['outputs'] = {};
  for (const [name, o] of Object.entries(r.data.outputs ?? {})) {
    outputs[name] = o.description !== undefined ? { description: o.description } : {};
  }
  return {
    file: source.file,
    ...(r.data.description !== undefined ? { description: r.data.description } : {}),
    inputs,
    outputs,
    ...(r.data.runs.using !== undefined ? { runsUsing: r.data.runs.using } : {}),
  };
}

/** An input the caller must give: declared required and without a default. */
export function isRequiredInput(meta: InputMeta): boolean {
  return meta.required && meta.default === undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!;
}
