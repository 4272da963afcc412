/**
 * dependabot.yml and the issue forms: the committed content (asserted), and the schemas'
 * refusals, reported by `gen` with the path inside the file.
 */
import { describe, expect, it } from 'vitest';
import { defineDependabot, defineIssueConfig, defineIssueForm } from '#ci';
import { compileSources } from '../../scripts/compile/compile.ts';
import type { YamlFile } from '../../scripts/dsl/yaml-file.ts';
import { yamlFile } from './generated.ts';

function problems(value: YamlFile, output = '.github/dependabot.yml') {
  const { diagnostics } = compileSources([{ source: 'workflows-src/github/x.ts', output, value }], {
    version: 1,
    actions: {},
  } as never);
  return diagnostics.map((d) => `${d.path}: ${d.message}`);
}

describe('dependabot.yml', () => {
  it('github-actions weekly on Monday 09:00 within majors; pip and npm weekly, 5 PRs', async () => {
    const cfg = await yamlFile('.github/dependabot.yml');
    expect(cfg.version).toBe(2);
    expect(cfg.updates).toEqual([
      {
        'package-ecosystem': 'github-actions',
        directory: '/',
        schedule: { interval: 'weekly', day: 'monday', time: '09:00' },
        // Majors move by editing workflows-src/lib/actions.ts; see docs/workflows.md.
        ignore: [{ 'dependency-name': '*', 'update-types': ['version-update:semver-major'] }],
        groups: { actions: { patterns: ['*'] } },
      },
      {
        'package-ecosystem': 'pip',
        directory: '/openllm-python',
        schedule: { interval: 'weekly' },
        'open-pull-requests-limit': 5,
        'versioning-strategy': 'increase-if-necessary',
      },
      {
        'package-ecosystem': 'npm',
        directory: '/',
        schedule: { interval: 'weekly' },
        'open-pull-requests-limit': 5,
      },
    ]);
  });

  it('rejects a misspelled key, a bad time, a day without weekly, and duplicates', () => {
    const bad = defineDependabot({
      version: 2,
      updates: [
        {
          'package-ecosystem': 'pip',
          directory: '/',
          schedule: { interval: 'daily', day: 'monday', time: '9am' },
          // @ts-expect-error the key is open-pull-requests-limit
          'open-pull-request-limit': 5,
        },
        { 'package-ecosystem': 'pip', directory: '/', schedule: { interval: 'weekly' } },
      ],
    });
    const found = problems(bad);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^updates\[0\]: .*open-pull-request-limit/),
        expect.stringMatching(/^updates\[0\]\.schedule\.time: time is HH:MM/),
        expect.stringMatching(/^updates\[1\]: duplicates updates\[0\]/),
      ]),
    );
  });

  it('requires exactly one of directory and directories', () => {
    const found = problems(
      defineDependabot({
        version: 2,
        updates: [{ 'package-ecosystem': 'npm', schedule: { interval: 'weekly' } }],
      }),
    );
    expect(found).toEqual([expect.stringMatching(/^updates\[0\]\.directory: give exactly one/)]);
  });
});

describe('issue forms', () => {
  it('bug report: search first, required description, reproduction, logs, environment, system', async () => {
    const form = await yamlFile('.github/ISSUE_TEMPLATE/bug_report.yml');
    expect(form.body.map((e: { type: string; id: string }) => [e.type, e.id])).toEqual([
      ['markdown', 'search-first'],
      ['textarea', 'description'],
      ['textarea', 'reproduction'],
      ['textarea', 'logs'],
      ['textarea', 'environment'],
      ['textarea', 'system-information'],
    ]);
    expect(form.body[0].attributes.value).toContain('search the existing issues');
    expect(form.body[1].validations).toEqual({ required: true });
    expect(form.labels).toEqual(['bug']);
  });

  it('feature request: required request, motivation, other', async () => {
    const form = await yamlFile('.github/ISSUE_TEMPLATE/feature_request.yml');
    expect(form.body.map((e: { id: string }) => e.id)).toEqual([
      'feature-request',
      'motivation',
      'other',
    ]);
    expect(form.body[0].validations).toEqual({ required: true });
  });

  it('config: blank issues enabled, links to blank issues and the BentoML discussions', async () => {
    const cfg = await yamlFile('.github/ISSUE_TEMPLATE/config.yml');
    expect(cfg.blank_issues_enabled).toBe(true);
    expect(cfg.contact_links.map((l: { url: string }) => l.url)).toEqual([
      'https://github.com/bentoml/OpenLLM/issues/new',
      'https://github.com/orgs/bentoml/discussions',
    ]);
  });

  it('rejects duplicate ids and labels, markdown-only bodies, and a dropdown default out of range', () => {
    const dup = defineIssueForm({
      name: 'x',
      description: 'y',
      body: [
        { type: 'input', id: 'a', attributes: { label: 'A' } },
        { type: 'textarea', id: 'a', attributes: { label: 'A' } },
        { type: 'dropdown', attributes: { label: 'C', options: ['one'], default: 1 } },
      ],
    });
    expect(problems(dup, '.github/ISSUE_TEMPLATE/x.yml')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^body\[1\]\.id: id "a" is already used by body\[0\]/),
        expect.stringMatching(/^body\[1\]\.attributes\.label: label "A" is already used/),
        expect.stringMatching(/^body\[2\]\.attributes\.default: `default` is an index/),
      ]),
    );
    const onlyText = defineIssueForm({
      name: 'x',
      description: 'y',
      body: [{ type: 'markdown', attributes: { value: 'hello' } }],
    });
    expect(problems(onlyText, '.github/ISSUE_TEMPLATE/x.yml')).toEqual([
      expect.stringMatching(/^body: a form needs at least one field/),
    ]);
    const badLink = defineIssueConfig({
      contact_links: [{ name: 'n', url: 'ftp://example.com', about: 'a' }],
    });
    expect(problems(badLink, '.github/ISSUE_TEMPLATE/config.yml')).toEqual([
      expect.stringMatching(/^contact_links\[0\]\.url: /),
    ]);
  });
});
