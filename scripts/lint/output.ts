import type { Diagnostic } from '../core/diagnostics.ts';
import { ENGINE_RULES } from './engine.ts';
import type { Rule } from './types.ts';

export type OutputFormat = 'text' | 'json' | 'sarif';
export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

interface RuleMeta {
  id: string;
  severity: 'error' | 'warning';
  summary: string;
  help: string;
}

const ENGINE_META: RuleMeta[] = [
  {
    id: ENGINE_RULES.yamlSyntax,
    severity: 'error',
    summary: 'The file is not valid YAML',
    help: 'Nothing else is checked in a file that does not parse.',
  },
  {
    id: ENGINE_RULES.invalidSuppression,
    severity: 'error',
    summary: '`# lint-allow` names no or an unknown rule, or gives no reason',
    help: 'Write `# lint-allow <rule-id>: <reason>` directly above the node it covers.',
  },
  {
    id: ENGINE_RULES.unusedSuppression,
    severity: 'error',
    summary: '`# lint-allow` suppresses nothing',
    help: 'A suppression that no longer matches a finding hides nothing today but would hide a future finding; remove it.',
  },
];

export function ruleMetadata(rules: readonly Rule[]): RuleMeta[] {
  return [
    ...rules.map(({ id, severity, summary, help }) => ({ id, severity, summary, help })),
    ...ENGINE_META,
  ];
}

/** `{ files, summary, diagnostics }` — stable field names for scripts. */
export function toJson(files: string[], diags: readonly Diagnostic[]): string {
  const errors = diags.filter((d) => d.severity === 'error').length;
  return `${JSON.stringify(
    { files, summary: { errors, warnings: diags.length - errors }, diagnostics: diags },
    null,
    2,
  )}\n`;
}

/** SARIF 2.1.0, as accepted by GitHub code scanning (`github/codeql-action/upload-sarif`). */
export function toSarif(diags: readonly Diagnostic[], rules: readonly Rule[]): string {
  const meta = ruleMetadata(rules);
  const index = new Map(meta.map((m, i) => [m.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'openllm-ci-lint',
            informationUri: 'https://github.com/bentoml/OpenLLM/blob/main/docs/lint.md',
            rules: meta.map((m) => ({
              id: m.id,
              name: m.id.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase()),
              shortDescription: { text: m.summary },
              fullDescription: { text: m.help },
              help: { text: m.help },
              defaultConfiguration: { level: m.severity },
              properties: { tags: ['security', 'github-actions'] },
            })),
          },
        },
        results: diags.map((d) => ({
          ruleId: d.rule ?? 'lint',
          ...(d.rule && index.has(d.rule) ? { ruleIndex: index.get(d.rule) } : {}),
          level: d.severity,
          message: { text: d.fix ? `${d.message} ${d.fix}` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file.split('\\').join('/'), uriBaseId: '%SRCROOT%' },
                ...(d.line ? { region: { startLine: d.line, startColumn: d.col ?? 1 } } : {}),
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
