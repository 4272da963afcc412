/**
 * Reading action metadata over real HTTP from the fake GitHub API (recorded action.yml files),
 * through the same octokit client the resolver uses.
 */
import { describe, expect, it } from 'vitest';
import { fetchActionMetadata } from '../../scripts/bindings/fetch.ts';
import { MetadataError } from '../../scripts/bindings/metadata.ts';
import { ref, testClient } from '../pin/helpers.ts';
import { recordedFile, recordedSha } from './helpers.ts';
import { fakeGitHubForTests } from '../fake-github/for-tests.ts';

const fake = fakeGitHubForTests();

const fetchAt = (uses: string, sha: string) =>
  fetchActionMetadata(testClient(fake), ref(uses), sha);

describe('fetchActionMetadata', () => {
  it('reads actions/checkout@v4: optional inputs with defaults, outputs, runs.using', async () => {
    const sha = recordedSha('actions/checkout', 'v4');
    const meta = await fetchAt('actions/checkout@v4', sha);
    expect(meta?.file).toBe('action.yml');
    expect(meta?.runsUsing).toMatch(/^node\d+$/);
    expect(meta?.inputs['fetch-depth']).toEqual({
      description: expect.stringContaining('Number of commits to fetch'),
      required: false,
      default: '1',
    });
    // `default: ${{ github.token }}` stays the expression text GitHub would evaluate.
    expect(meta?.inputs.token?.default).toBe('${{ github.token }}');
    expect(Object.keys(meta?.outputs ?? {})).toEqual(['ref', 'commit']);
    // The request asked for the file at the pinned commit, not at the tag.
    expect(fake.requests.map((r) => [r.path, r.query.ref])).toEqual([
      ['/repos/actions/checkout/contents/action.yml', sha],
    ]);
  });

  it('turns YAML booleans and numbers in defaults into the text GitHub passes to the action', async () => {
    const meta = await fetchAt(
      'actions/setup-python@v5',
      recordedSha('actions/setup-python', 'v5'),
    );
    expect(meta?.inputs['check-latest']).toMatchObject({ required: false, default: 'false' });
    expect(meta?.inputs['python-version']).not.toHaveProperty('default');
    expect(Object.keys(meta?.outputs ?? {})).toEqual([
      'python-version',
      'cache-hit',
      'python-path',
    ]);
  });

  it('reads docker/build-push-action@v7 (33 inputs, digest output)', async () => {
    const meta = await fetchAt(
      'docker/build-push-action@v7',
      recordedSha('docker/build-push-action', 'v7'),
    );
    expect(Object.keys(meta?.inputs ?? {})).toHaveLength(33);
    expect(meta?.inputs.push).toEqual({
      description: 'Push is a shorthand for --output=type=registry',
      required: false,
      default: 'false',
    });
    expect(Object.keys(meta?.outputs ?? {})).toEqual(['imageid', 'digest', 'metadata']);
  });

  it('reads a sub-path action from its own folder: codeql-action/upload-sarif', async () => {
    const sha = recordedSha('github/codeql-action', 'v4');
    const meta = await fetchAt('github/codeql-action/upload-sarif@v4', sha);
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/repos/github/codeql-action/contents/upload-sarif/action.yml',
    ]);
    expect(meta?.inputs.sarif_file?.default).toBe('../results');
    expect(Object.keys(meta?.outputs ?? {})).toContain('sarif-id');
    // The repository root's action.yml at the same commit declares nothing: it was not read.
    expect(Object.keys(meta?.inputs ?? {})).toContain('wait-for-processing');
  });

  it('marks an input required only when action.yml says so: re-actors/alls-green `jobs`', async () => {
    const meta = await fetchAt(
      're-actors/alls-green@release/v1',
      recordedSha('re-actors/alls-green', 'release/v1'),
    );
    expect(meta?.inputs.jobs).toMatchObject({ required: true });
    expect(meta?.inputs.jobs).not.toHaveProperty('default');
    expect(meta?.inputs['allowed-failures']).toMatchObject({ required: false, default: '[]' });
    expect(meta?.runsUsing).toBe('composite');
  });

  it('keeps deprecation messages: pypa/gh-action-pypi-publish@release/v1', async () => {
    const meta = await fetchAt(
      'pypa/gh-action-pypi-publish@release/v1',
      recordedSha('pypa/gh-action-pypi-publish', 'release/v1'),
    );
    expect(meta?.inputs.skip_existing?.deprecationMessage).toMatch(/Use `skip-existing` instead/);
    expect(meta?.inputs['skip-existing']).not.toHaveProperty('deprecationMessage');
  });

  it('falls back to action.yaml when there is no action.yml (aquasecurity/trivy-action)', async () => {
    const sha = recordedSha('aquasecurity/trivy-action', 'v0.36.0');
    const meta = await fetchAt('aquasecurity/trivy-action@v0.36.0', sha);
    expect(meta?.file).toBe('action.yaml');
    expect(meta?.inputs['image-ref']).toBeDefined();
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/repos/aquasecurity/trivy-action/contents/action.yml',
      '/repos/aquasecurity/trivy-action/contents/action.yaml',
    ]);
  });

  it('returns undefined ("no metadata") when neither file exists at the commit', async () => {
    const sha = recordedSha('bentoml/setup-bentoml-action', 'v1');
    fake.setFile('bentoml/setup-bentoml-action', sha, 'action.yml', null);
    try {
      expect(await fetchAt('bentoml/setup-bentoml-action@v1', sha)).toBeUndefined();
      expect(fake.count('/contents/')).toBe(2);
    } finally {
      const recorded = recordedFile('bentoml/setup-bentoml-action', sha);
      fake.setFile('bentoml/setup-bentoml-action', sha, 'action.yml', recorded);
    }
  });

  it('names the action, the commit and the field when action.yml is malformed', async () => {
    const sha = recordedSha('docker/login-action', 'v4');
    fake.setFile(
      'docker/login-action',
      sha,
      'action.yml',
      'inputs:\n  registry: [oops]\nruns:\n  using: node24\n',
    );
    await expect(fetchAt('docker/login-action@v4', sha)).rejects.toThrow(
      new MetadataError(
        { action: 'docker/login-action', sha, file: 'action.yml' },
        'inputs.registry: Invalid input: expected object, received array',
      ),
    );
    fake.setFile('docker/login-action', sha, 'action.yml', 'inputs: {\n  bad');
    const err = await fetchAt('docker/login-action@v4', sha).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MetadataError);
    expect((err as Error).message).toMatch(
      new RegExp(`^docker/login-action@${sha} \\(action\\.yml\\): not valid YAML: `),
    );
    fake.setFile('docker/login-action', sha, 'action.yml', 'name: x\n');
    await expect(fetchAt('docker/login-action@v4', sha)).rejects.toThrow(
      `docker/login-action@${sha} (action.yml): runs: Invalid input: expected object, received undefined`,
    );
    fake.setFile(
      'docker/login-action',
      sha,
      'action.yml',
      recordedFile('docker/login-action', sha),
    );
  });

  it('passes GitHub failures through instead of calling them "no metadata"', async () => {
    fake.inject({ action: { kind: 'status', status: 502 }, match: '/contents/' });
    await expect(
      fetchAt('actions/checkout@v4', recordedSha('actions/checkout', 'v4')),
    ).rejects.toThrow(/HTTP 502/);
  });
});
