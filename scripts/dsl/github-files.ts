/**
 * Typed sources for the YAML files under `.github/` that are not workflows: Dependabot's
 * configuration (v2), issue forms and the issue-template chooser config. The zod schemas follow
 * GitHub's published syntax; objects are strict so that a misspelled key is an error, not a
 * silently ignored setting.
 */
import { z } from 'zod';
import { defineYamlFile, type YamlFile } from './yaml-file.ts';

// ---------------------------------------------------------------------------------------------
// dependabot.yml (version 2)

const ecosystem = z.enum([
  'bun',
  'bundler',
  'cargo',
  'composer',
  'devcontainers',
  'docker',
  'docker-compose',
  'dotnet-sdk',
  'elm',
  'github-actions',
  'gitsubmodule',
  'gomod',
  'gradle',
  'helm',
  'maven',
  'mix',
  'npm',
  'nuget',
  'pip',
  'pub',
  'swift',
  'terraform',
  'uv',
]);

const weekday = z.enum([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

const schedule = z
  .strictObject({
    interval: z.enum(['daily', 'weekly', 'monthly', 'quarterly', 'semiannually', 'yearly', 'cron']),
    day: weekday.optional(),
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time is HH:MM (24-hour)')
      .optional(),
    timezone: z.string().optional(),
    cronjob: z.string().optional(),
  })
  .refine((s) => s.day === undefined || s.interval === 'weekly', {
    message: '`day` applies only to a weekly interval',
    path: ['day'],
  })
  .refine((s) => (s.interval === 'cron') === (s.cronjob !== undefined), {
    message: '`cronjob` is required with interval cron, and only then',
    path: ['cronjob'],
  });

const updateType = z.enum([
  'version-update:semver-major',
  'version-update:semver-minor',
  'version-update:semver-patch',
]);

const dependencyRule = z.strictObject({
  'dependency-name': z.string().min(1),
  versions: z.array(z.string()).optional(),
  'update-types': z.array(updateType).optional(),
});

const group = z.strictObject({
  'applies-to': z.enum(['version-updates', 'security-updates']).optional(),
  'dependency-type': z.enum(['development', 'production']).optional(),
  patterns: z.array(z.string()).optional(),
  'exclude-patterns': z.array(z.string()).optional(),
  'update-types': z.array(z.enum(['major', 'minor', 'patch'])).optional(),
});

const update = z
  .strictObject({
    'package-ecosystem': ecosystem,
    directory: z.string().startsWith('/').optional(),
    directories: z.array(z.string().startsWith('/')).min(1).optional(),
    schedule,
    'open-pull-requests-limit': z.number().int().min(0).optional(),
    'versioning-strategy': z
      .enum(['auto', 'increase', 'increase-if-necessary', 'lockfile-only', 'widen'])
      .optional(),
    allow: z
      .array(
        z.strictObject({
          'dependency-name': z.string().optional(),
          'dependency-type': z
            .enum(['direct', 'indirect', 'all', 'production', 'development'])
            .optional(),
        }),
      )
      .optional(),
    ignore: z.array(dependencyRule).optional(),
    groups: z.record(z.string(), group).optional(),
    labels: z.array(z.string()).optional(),
    assignees: z.array(z.string()).optional(),
    reviewers: z.array(z.string()).optional(),
    milestone: z.number().int().optional(),
    'commit-message': z
      .strictObject({
        prefix: z.string().max(50).optional(),
        'prefix-development': z.string().max(50).optional(),
        include: z.literal('scope').optional(),
      })
      .optional(),
    'pull-request-branch-name': z.strictObject({ separator: z.enum(['-', '_', '/']) }).optional(),
    'rebase-strategy': z.enum(['auto', 'disabled']).optional(),
    'target-branch': z.string().optional(),
    'exclude-paths': z.array(z.string()).optional(),
    registries: z.union([z.literal('*'), z.array(z.string())]).optional(),
    vendor: z.boolean().optional(),
    'insecure-external-code-execution': z.enum(['allow', 'deny']).optional(),
    cooldown: z
      .strictObject({
        'default-days': z.number().int().min(1).max(90).optional(),
        'semver-major-days': z.number().int().min(1).max(90).optional(),
        'semver-minor-days': z.number().int().min(1).max(90).optional(),
        'semver-patch-days': z.number().int().min(1).max(90).optional(),
        include: z.array(z.string()).optional(),
        exclude: z.array(z.string()).optional(),
      })
      .optional(),
  })
  .refine((u) => (u.directory === undefined) !== (u.directories === undefined), {
    message: 'give exactly one of `directory` and `directories`',
    path: ['directory'],
  });

export const dependabotSchema = z
  .strictObject({
    version: z.literal(2),
    'enable-beta-ecosystems': z.boolean().optional(),
    registries: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    updates: z.array(update).min(1),
  })
  .superRefine((cfg, ctx) => {
    // GitHub rejects two entries for the same ecosystem, directory and target branch.
    const seen = new Map<string, number>();
    cfg.updates.forEach((u, i) => {
      for (const dir of u.directories ?? [u.directory]) {
        const key = `${u['package-ecosystem']} ${dir} ${u['target-branch'] ?? ''}`;
        const first = seen.get(key);
        if (first !== undefined)
          ctx.addIssue({
            code: 'custom',
            message: `duplicates updates[${first}] (same ecosystem, directory and target branch)`,
            path: ['updates', i],
          });
        else seen.set(key, i);
      }
    });
  });

export type DependabotConfig = z.input<typeof dependabotSchema>;

/** `.github/dependabot.yml`: `workflows-src/github/dependabot.ts` default-exports this. */
export function defineDependabot(
  data: DependabotConfig,
): YamlFile<z.output<typeof dependabotSchema>> {
  return defineYamlFile('dependabot.yml v2', dependabotSchema, data);
}

// ---------------------------------------------------------------------------------------------
// Issue forms (`.github/ISSUE_TEMPLATE/*.yml`)

/** Element ids become part of URLs and of the issue body: letters, digits, `-` and `_`. */
const elementId = z.string().regex(/^[A-Za-z0-9_-]+$/, 'ids use only letters, digits, - and _');
const validations = z.strictObject({ required: z.boolean().optional() });

const markdown = z.strictObject({
  type: z.literal('markdown'),
  id: elementId.optional(),
  attributes: z.strictObject({ value: z.string().min(1) }),
});

/** Attributes shared by the free-text elements. */
const textAttributes = {
  label: z.string().min(1),
  description: z.string().optional(),
  placeholder: z.string().optional(),
  value: z.string().optional(),
};

const textarea = z.strictObject({
  type: z.literal('textarea'),
  id: elementId.optional(),
  attributes: z.strictObject({ ...textAttributes, render: z.string().optional() }),
  validations: validations.optional(),
});

const input = z.strictObject({
  type: z.literal('input'),
  id: elementId.optional(),
  attributes: z.strictObject(textAttributes),
  validations: validations.optional(),
});

const dropdown = z.strictObject({
  type: z.literal('dropdown'),
  id: elementId.optional(),
  attributes: z
    .strictObject({
      label: z.string().min(1),
      description: z.string().optional(),
      multiple: z.boolean().optional(),
      options: z.array(z.string().min(1)).min(1),
      default: z.number().int().min(0).optional(),
    })
    .refine((a) => a.default === undefined || a.default < a.options.length, {
      message: '`default` is an index into `options`',
      path: ['default'],
    }),
  validations: validations.optional(),
});

const checkboxes = z.strictObject({
  type: z.literal('checkboxes'),
  id: elementId.optional(),
  attributes: z.strictObject({
    label: z.string().min(1),
    description: z.string().optional(),
    options: z
      .array(z.strictObject({ label: z.string().min(1), required: z.boolean().optional() }))
      .min(1),
  }),
  validations: validations.optional(),
});

const upload = z.strictObject({
  type: z.literal('upload'),
  id: elementId.optional(),
  attributes: z.strictObject({ label: z.string().min(1), description: z.string().optional() }),
  validations: validations.optional(),
});

const element = z.discriminatedUnion('type', [
  markdown,
  textarea,
  input,
  dropdown,
  checkboxes,
  upload,
]);

const stringOrList = z.union([z.string(), z.array(z.string())]);

export const issueFormSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().min(1),
    title: z.string().optional(),
    labels: stringOrList.optional(),
    assignees: stringOrList.optional(),
    projects: stringOrList.optional(),
    type: z.string().optional(),
    body: z.array(element).min(1),
  })
  .superRefine((form, ctx) => {
    if (form.body.every((e) => e.type === 'markdown'))
      ctx.addIssue({
        code: 'custom',
        message: 'a form needs at least one field that is not markdown',
        path: ['body'],
      });
    const ids = new Map<string, number>();
    const labels = new Map<string, number>();
    form.body.forEach((e, i) => {
      if (e.id !== undefined) {
        const first = ids.get(e.id);
        if (first !== undefined)
          ctx.addIssue({
            code: 'custom',
            message: `id "${e.id}" is already used by body[${first}]`,
            path: ['body', i, 'id'],
          });
        else ids.set(e.id, i);
      }
      if (e.type !== 'markdown') {
        const first = labels.get(e.attributes.label);
        if (first !== undefined)
          ctx.addIssue({
            code: 'custom',
            message: `label "${e.attributes.label}" is already used by body[${first}]`,
            path: ['body', i, 'attributes', 'label'],
          });
        else labels.set(e.attributes.label, i);
      }
    });
  });

export type IssueForm = z.input<typeof issueFormSchema>;

/** `.github/ISSUE_TEMPLATE/<name>.yml`: an issue form. */
export function defineIssueForm(data: IssueForm): YamlFile<z.output<typeof issueFormSchema>> {
  return defineYamlFile('issue form', issueFormSchema, data);
}

// ---------------------------------------------------------------------------------------------
// Template chooser (`.github/ISSUE_TEMPLATE/config.yml`)

export const issueConfigSchema = z.strictObject({
  blank_issues_enabled: z.boolean().optional(),
  contact_links: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        url: z.url({ protocol: /^https?$/ }),
        about: z.string().min(1),
      }),
    )
    .optional(),
});

export type IssueConfig = z.input<typeof issueConfigSchema>;

/** `.github/ISSUE_TEMPLATE/config.yml`: blank issues and contact links of the template chooser. */
export function defineIssueConfig(data: IssueConfig): YamlFile<z.output<typeof issueConfigSchema>> {
  return defineYamlFile('issue template config', issueConfigSchema, data);
}
