import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../scripts/core/diagnostics.ts';
import { formatDiagnostic } from '../../scripts/core/diagnostics.ts';
import { lintText } from '../../scripts/lint/engine.ts';

/** The fix sentences are the point of a finding: check the ones a maintainer acts on. */
async function findings(caseFile: string, rule: string): Promise<string[]> {
  const file = `test/lint/cases/${caseFile}`;
  const diags = await lintText(
    file,
    readFileSync(join(import.meta.dirname, 'cases', caseFile), 'utf8'),
  );
  return diags.filter((d: Diagnostic) => d.rule === rule).map(formatDiagnostic);
}

describe('finding messages and fixes', () => {
  it('job-graph names the 2023 typos and what was meant', async () => {
    const f = await findings('job-graph/fail-2023-compile-pypi.yml', 'job-graph');
    expect(f).toContain(
      'test/lint/cases/job-graph/fail-2023-compile-pypi.yml:18:16: jobs.sucess-build.outputs.success: there is no job "sucess-build". Read the output of an existing job. Existing jobs with output "success": sucess-push. [job-graph]',
    );
    expect(f.join('\n')).toContain(
      'has no step with id "everygreen". Use the id of one of its steps. Did you mean "evergreen"?',
    );
    expect(f.join('\n')).toContain('Add "release" to jobs.publish-python.needs.');
  });

  it('permissions proposes the narrowest block from what the steps use', async () => {
    const f = await findings('permissions/fail-unneeded-scopes.yml', 'permissions');
    expect(f.join('\n')).toContain(
      "job build-and-push-clojure-ui grants `contents: write` but none of its steps needs it. Narrow the job's permissions to `{ contents: read, id-token: write, packages: write, security-events: write }`.",
    );
    const missing = await findings('permissions/fail-missing.yml', 'permissions');
    expect(missing.join('\n')).toContain(
      'Add top-level `permissions: { contents: read }` and grant job cleanup `permissions: { contents: read, actions: write }`.',
    );
  });

  it('expression-injection says which env variable to use', async () => {
    const f = await findings('expression-injection/fail-untrusted.yml', 'expression-injection');
    expect(f.join('\n')).toContain(
      'Pass it through the step\'s env (`COMMENT_BODY: ${{ github.event.comment.body }}`) and use "$COMMENT_BODY" in the script.',
    );
    expect(f.join('\n')).toContain('and read process.env.PR_TITLE.');
  });

  it('retired names the replacement major from the recorded metadata', async () => {
    const f = (await findings('retired/fail-2023-versions.yml', 'retired')).join('\n');
    expect(f).toContain('actions/checkout@v3 runs on node16');
    expect(f).toMatch(
      /actions\/upload-artifact@v3 is a v1–v3 artifact action.*Upgrade to actions\/upload-artifact@v\d+/,
    );
    expect(f).toContain('docker/setup-buildx-action@v2.9.1 runs on node16'); // unknown commit, known by its ratchet tag
    expect(f).toContain('runner image macos-12 was retired by GitHub in December 2024');
  });

  it('expression-syntax suggests the single-quoted form and the right context', async () => {
    const f = (await findings('expression-syntax/fail-2023-quotes.yml', 'expression-syntax')).join(
      '\n',
    );
    expect(f).toContain("Write 'pull_request' instead.");
    expect(f).toContain('unknown context "secret"');
    expect(f).toContain('Did you mean "secrets"?');
  });

  it("shows GitHub's parser error only where no expression rule explains the same line", async () => {
    const text = [
      'name: x',
      'on: push',
      'permissions: {}',
      'jobs:',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    steps: [{ run: echo }]',
      '  a:',
      '    if: github.event_name == "push"',
      '    needs: [nope]',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo',
    ].join('\n');
    const diags = await lintText('x.yml', text);
    expect(diags.map((d) => `${d.line} ${d.rule}`)).toEqual([
      '9 expression-syntax',
      '10 workflow-parser',
    ]);
    expect(diags[1]!.message).toBe("Job 'a' depends on unknown job 'nope'.");
  });
});
