import type { z } from 'zod';
import { captureOrigin, type Origin } from './origin.ts';

/**
 * A non-workflow YAML file under `.github/` (dependabot.yml, issue forms) whose shape is given by a
 * published schema, expressed here as a zod schema that both types the source and validates it.
 */
export interface YamlFile<T = unknown> {
  readonly kind: 'yaml-file';
  /** What the schema describes, for messages (`dependabot.yml v2`). */
  readonly schemaName: string;
  readonly schema: z.ZodType<T>;
  readonly data: T;
  readonly origin?: Origin;
}

export function defineYamlFile<S extends z.ZodType>(
  schemaName: string,
  schema: S,
  data: z.input<S>,
): YamlFile<z.output<S>> {
  return {
    kind: 'yaml-file',
    schemaName,
    schema: schema as unknown as z.ZodType<z.output<S>>,
    data: data as z.output<S>,
    origin: captureOrigin(),
  };
}
