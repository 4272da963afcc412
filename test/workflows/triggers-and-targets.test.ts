/**
 * For each workflow: its triggers (the public interface branch protection and contributors rely
 * on) and where it publishes (registries, image refs, package indexes, releases), asserted value
 * by value on the compiled output of the sources.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { stepsUsing, workflow, type Y } from './generated.ts';

const NON_CODE_PATHS = [
  'docs/**',
  'bazel/**',
  'typings/**',
  '*.md',
  'changelog.d/**',
  'assets/**',
  'contrib/clojure/**',
];
const GATE_PR_TYPES = ['labeled', 'opened', 'synchronize', 'reopened'];
const SHA_TAG = 'type=raw,value=sha-${{ env.GITHUB_SHA_SHORT }}';

function withOf(wf: Y, action: string): Y[] {
  return stepsUsing(wf, action).map((s) => s.step.with ?? {});
}

function jobNames(wf: Y): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(wf.jobs as Record<string, Y>).map(([id, j]) => [id, j.name]),
  );
}

describe('build.yml', () => {
  let wf: Y;
  beforeAll(async () => {
    wf = await workflow('build');
  });

  it('name, triggers and job ids/names', () => {
    expect(wf.name).toBe('Build and push OpenLLM base container');
    expect(wf.on).toEqual({
      workflow_dispatch: null,
      push: { branches: ['main'], tags: ['*'] },
      pull_request: { types: GATE_PR_TYPES },
    });
    expect(jobNames(wf)).toEqual({
      get_commit_message: 'Get commit message',
      'start-runner': 'Start self-hosted EC2 runner',
      'build-and-push-image': 'Build and push OpenLLM base image',
      'stop-runner': 'Stop self-hosted EC2 runner',
    });
    expect(wf.env.AWS_REGION).toBe('us-west-2');
  });

  it('starts the EC2 runner with the recorded instance settings and stops it by its outputs', () => {
    const start = wf.jobs['start-runner'];
    expect(start.env).toEqual({
      EC2_INSTANCE_TYPE: 'g5.12xlarge',
      EC2_AMI_ID: 'ami-089dafe9af191a0fd',
      EC2_SUBNET_ID:
        'subnet-0ca63188fe98788c1,subnet-05997205433b249d0,subnet-07ef5d3e974275fed,subnet-0161ef0151089bb0b',
      EC2_SECURITY_GROUP: 'sg-051366641bf2b8049',
    });
    expect(start.outputs).toEqual({
      label: '${{ steps.start-ec2-runner.outputs.label }}',
      'ec2-instance-id': '${{ steps.start-ec2-runner.outputs.ec2-instance-id }}',
    });
    const [startStep, stopStep] = withOf(wf, 'aarnphm/ec2-github-runner');
    expect(startStep).toMatchObject({
      mode: 'start',
      'github-token': '${{ secrets.OPENLLM_PAT }}',
    });
    expect(stopStep).toEqual({
      mode: 'stop',
      'github-token': '${{ secrets.OPENLLM_PAT }}',
      'ec2-region': '${{ env.AWS_REGION }}',
      label: '${{ needs.start-runner.outputs.label }}',
      'ec2-instance-id': '${{ needs.start-runner.outputs.ec2-instance-id }}',
    });
    expect(wf.jobs['build-and-push-image']['runs-on']).toBe(
      '${{ needs.start-runner.outputs.label }}',
    );
    for (const aws of withOf(wf, 'aws-actions/configure-aws-credentials'))
      expect(aws).toEqual({
        'aws-access-key-id': '${{ secrets.AWS_PROD_ACCESS_KEY_ID }}',
        'aws-secret-access-key': '${{ secrets.AWS_PROD_SECRET_ACCESS_KEY }}',
        'aws-region': '${{ env.AWS_REGION }}',
      });
  });

  it('logs in to GHCR (not on PRs) and ECR Public (also on PRs)', () => {
    const logins = stepsUsing(wf, 'docker/login-action').map((s) => s.step);
    expect(logins.map((l) => [l.with.registry, l.if])).toEqual([
      ['ghcr.io', "github.event_name != 'pull_request'"],
      ['public.ecr.aws', undefined],
    ]);
    expect(logins[0].with).toMatchObject({
      username: '${{ github.actor }}',
      password: '${{ secrets.GITHUB_TOKEN }}',
    });
    expect(logins[1].with).toMatchObject({
      username: '${{ secrets.AWS_ACCESS_KEY_ID }}',
      password: '${{ secrets.AWS_SECRET_ACCESS_KEY }}',
    });
    expect(logins[1].env).toEqual({ AWS_REGION: 'us-east-1' });
  });

  it('tags: PRs push only sha- to ECR; releases go to ECR and GHCR', () => {
    const [pr, release] = stepsUsing(wf, 'docker/metadata-action').map((s) => s.step);
    expect(pr.id).toBe('meta-pr');
    expect(pr.if).toBe("github.event_name == 'pull_request'");
    expect(pr.with.images.split('\n')).toEqual(['public.ecr.aws/y5w8i4y6/bentoml/openllm']);
    expect(pr.with.tags).toBe(SHA_TAG);
    expect(release.id).toBe('meta');
    expect(release.if).toBe("github.event_name != 'pull_request'");
    expect(release.with.images.split('\n')).toEqual([
      'public.ecr.aws/y5w8i4y6/bentoml/openllm',
      'ghcr.io/bentoml/openllm',
    ]);
    expect(release.with.tags.split('\n')).toEqual([
      'type=semver,pattern={{version}}',
      'type=semver,pattern={{major}}.{{minor}}',
      'type=raw,value=latest,enable={{is_default_branch}}',
      SHA_TAG,
    ]);
    expect(release.with.flavor).toBe('latest=auto');
    for (const m of [pr, release])
      expect(m.with.labels).toBe(
        'org.opencontainers.image.source="https://github.com/bentoml/OpenLLM"',
      );
  });

  it('builds the base image Dockerfile for amd64 with the S3 layer cache', () => {
    const [build] = stepsUsing(wf, 'docker/build-push-action').map((s) => s.step);
    expect(build.id).toBe('build-and-push');
    expect(build.with).toMatchObject({
      context: '.',
      file: 'openllm-python/src/openllm/bundle/oci/Dockerfile',
      push: true,
      platforms: 'linux/amd64',
      tags: '${{ steps.meta.outputs.tags || steps.meta-pr.outputs.tags }}',
      'cache-from': 'type=s3,region=us-east-1,bucket=openllm-cache,name=y5w8i4y6',
    });
    expect(build.with['cache-to']).toContain('bucket=openllm-cache,name=y5w8i4y6,mode=max');
    expect(build.with['build-args'].split('\n')).toEqual([
      'GIT_SHA=${{ github.sha }}',
      'DOCKER_LABEL=sha-${{ env.GITHUB_SHA_SHORT }}',
    ]);
    expect(build.env).toEqual({
      AWS_ACCESS_KEY_ID: '${{ secrets.AWS_PROD_ACCESS_KEY_ID }}',
      AWS_SECRET_ACCESS_KEY: '${{ secrets.AWS_PROD_SECRET_ACCESS_KEY }}',
    });
  });

  it('signs by digest and scans ghcr.io/bentoml/openllm:sha-<short>, outside PRs', () => {
    const job = wf.jobs['build-and-push-image'];
    const sign = job.steps.find((s: Y) => s.name === 'Sign the released image');
    expect(sign.if).toBe("github.event_name != 'pull_request'");
    expect(sign.env.DIGEST).toBe('${{ steps.build-and-push.outputs.digest }}');
    expect(sign.run).toContain('cosign sign --yes');
    const scans = stepsUsing(wf, 'aquasecurity/trivy-action').map((s) => s.step);
    expect(scans.map((s) => [s.with['image-ref'], s.with.format, s.if])).toEqual([
      ['ghcr.io/bentoml/openllm:sha-${{ env.GITHUB_SHA_SHORT }}', 'github', sign.if],
      ['ghcr.io/bentoml/openllm:sha-${{ env.GITHUB_SHA_SHORT }}', 'sarif', sign.if],
    ]);
    expect(scans[0].with['github-pat']).toBe('${{ secrets.GITHUB_TOKEN }}');
    expect(scans[1].with.severity).toBe('CRITICAL');
    expect(withOf(wf, 'github/codeql-action/upload-sarif')).toEqual([
      { sarif_file: 'trivy-results.sarif' },
    ]);
    expect(job.permissions).toEqual({
      contents: 'write',
      packages: 'write',
      'id-token': 'write',
      'security-events': 'write',
    });
    expect(job.concurrency).toEqual({
      group: '${{ github.workflow }}-${{ github.job }}-${{ github.head_ref || github.run_id }}',
      'cancel-in-progress': true,
    });
  });
});

describe('clojure-frontend.yml', () => {
  let wf: Y;
  beforeAll(async () => {
    wf = await workflow('clojure-frontend');
  });

  it('name, triggers and job ids/names', () => {
    expect(wf.name).toBe('Build Clojure UI');
    expect(wf.on).toEqual({
      workflow_dispatch: null,
      push: null,
      pull_request: { branches: ['main'], types: GATE_PR_TYPES, paths: ['contrib/clojure/**'] },
    });
    expect(jobNames(wf)).toEqual({
      get_commit_message: 'Get commit message',
      'build-and-push-clojure-ui': 'Build and push Clojure UI image',
    });
  });

  it('publishes ghcr.io/bentoml/openllm-ui-clojure only', () => {
    const logins = withOf(wf, 'docker/login-action');
    expect(logins).toEqual([
      {
        registry: 'ghcr.io',
        username: '${{ github.actor }}',
        password: '${{ secrets.GITHUB_TOKEN }}',
      },
    ]);
    const metas = withOf(wf, 'docker/metadata-action');
    expect(metas.map((m) => m.images)).toEqual([
      'ghcr.io/bentoml/openllm-ui-clojure',
      'ghcr.io/bentoml/openllm-ui-clojure',
    ]);
    expect(metas[0]!.tags).toBe(SHA_TAG);
    const [build] = withOf(wf, 'docker/build-push-action');
    expect(build).toMatchObject({
      context: 'contrib/clojure',
      file: 'contrib/clojure/Dockerfile',
      platforms: 'linux/amd64,linux/arm64',
      push: true,
    });
    expect(build!['cache-from']).toBeUndefined();
    const scans = withOf(wf, 'aquasecurity/trivy-action');
    expect(scans.map((s) => s['image-ref'])).toEqual([
      'ghcr.io/bentoml/openllm-ui-clojure:sha-${{ env.GITHUB_SHA_SHORT }}',
      'ghcr.io/bentoml/openllm-ui-clojure:sha-${{ env.GITHUB_SHA_SHORT }}',
    ]);
    expect(scans[0]!['github-pat']).toBe('${{ secrets.UI_GITHUB_TOKEN }}');
    expect(wf.jobs['build-and-push-clojure-ui']['runs-on']).toBe('ubuntu-latest');
  });
});

describe('ci.yml', () => {
  let wf: Y;
  beforeAll(async () => {
    wf = await workflow('ci');
  });

  it('name, triggers and job ids/names', () => {
    expect(wf.name).toBe('Continuous Integration');
    expect(wf.on).toEqual({
      push: { branches: ['main'], 'paths-ignore': NON_CODE_PATHS },
      pull_request: { branches: ['main'], 'paths-ignore': NON_CODE_PATHS },
    });
    expect(jobNames(wf)).toEqual({
      tests: 'tests (${{ matrix.python-version }}.${{ matrix.os }})',
      coverage: 'report-coverage',
      'cli-benchmark': 'Check for CLI responsiveness',
      'brew-dry-run': 'Running dry-run tests for brew',
      evergreen: undefined,
    });
  });

  it('tests on three OSes and two Pythons (Windows excluded), coverage per entry', () => {
    expect(wf.jobs.tests.strategy).toEqual({
      'fail-fast': false,
      matrix: {
        os: ['ubuntu-latest', 'macos-latest', 'windows-latest'],
        'python-version': ['3.8', '3.11'],
        exclude: [{ os: 'windows-latest' }],
      },
    });
    const [upload] = withOf(wf, 'actions/upload-artifact');
    expect(upload!.name).toBe('coverage-data-${{ matrix.os }}-${{ matrix.python-version }}');
    expect(upload!['include-hidden-files']).toBe(true);
    const [download] = withOf(wf, 'actions/download-artifact');
    expect(download).toEqual({ pattern: 'coverage-data-*', 'merge-multiple': true });
    expect(wf.jobs.coverage.if).toBe('false');
  });

  it('alls-green over tests, cli-benchmark and brew-dry-run', () => {
    expect(wf.jobs.evergreen.needs).toEqual(['tests', 'cli-benchmark', 'brew-dry-run']);
    expect(wf.jobs.evergreen.if).toBe('always()');
    expect(withOf(wf, 're-actors/alls-green')).toEqual([{ jobs: '${{ toJSON(needs) }}' }]);
    expect(wf.jobs['brew-dry-run']['runs-on']).toBe('macos-latest');
    expect(wf.jobs['cli-benchmark'].env).toEqual({ HYPERFINE_VERSION: '1.12.0' });
  });
});

describe('binary-releases.yml', () => {
  let wf: Y;
  beforeAll(async () => {
    wf = await workflow('binary-releases');
  });

  it('name, triggers and job ids/names', () => {
    expect(wf.name).toBe('binary-distribution');
    expect(wf.on).toEqual({
      workflow_call: null,
      workflow_dispatch: null,
      pull_request: {
        branches: ['main'],
        'paths-ignore': [
          '*.md',
          'docs/**',
          'bazel/**',
          'typings/**',
          'changelog.d/**',
          'assets/**',
          'openllm-node/**',
          'Formula/**',
          'contrib/clojure/**',
        ],
      },
    });
    expect(jobNames(wf)).toEqual({
      'python-artifacts': 'Build wheel and source distribution',
      binaries: '${{ matrix.job.target }} (${{ matrix.job.os }})',
      'windows-packaging': 'Build Windows installers',
    });
    expect(wf.env).toEqual({ APP_NAME: 'openllm', PYOXIDIZER_VERSION: '0.24.0', HATCH_VERBOSE: 2 });
  });

  it('builds every target on a supported runner image', () => {
    const targets = wf.jobs.binaries.strategy.matrix.job.map((j: Y) => [j.target, j.os]);
    expect(targets).toEqual([
      ['aarch64-unknown-linux-gnu', 'ubuntu-22.04'],
      ['x86_64-unknown-linux-gnu', 'ubuntu-22.04'],
      ['x86_64-unknown-linux-musl', 'ubuntu-22.04'],
      ['i686-unknown-linux-gnu', 'ubuntu-22.04'],
      ['powerpc64le-unknown-linux-gnu', 'ubuntu-22.04'],
      ['x86_64-pc-windows-msvc', 'windows-2022'],
      ['i686-pc-windows-msvc', 'windows-2022'],
      ['aarch64-apple-darwin', 'macos-15'],
      ['x86_64-apple-darwin', 'macos-15-intel'],
    ]);
    expect(JSON.stringify(wf)).not.toContain('macos-12');
  });

  it('passes artifacts under distinct names, collected by pattern', () => {
    expect(withOf(wf, 'actions/upload-artifact').map((w) => w.name)).toEqual([
      'binary-artefacts',
      'staged-${{ runner.os }}-${{ matrix.job.target }}',
      'standalone-${{ matrix.job.target }}',
      'standalone-windows',
      'installers',
    ]);
    const downloads = withOf(wf, 'actions/download-artifact');
    expect(downloads).toEqual([
      { name: 'binary-artefacts', path: 'openllm-python/dist' },
      { pattern: 'staged-${{ runner.os }}-*', path: 'archives', 'merge-multiple': true },
    ]);
    expect(wf.jobs['windows-packaging'].env).toEqual({
      VERSION: '${{ needs.binaries.outputs.version }}',
    });
    expect(wf.jobs['python-artifacts'].if).toBe("github.actor != 'dependabot[bot]'");
  });
});

describe('compile-pypi.yml', () => {
  let wf: Y;
  beforeAll(async () => {
    wf = await workflow('compile-pypi');
  });

  it('name, triggers (with the tags input) and job ids/names', () => {
    expect(wf.name).toBe('Compile PyPI package');
    const tags = { type: 'string', required: true, description: 'Tag for releases' };
    expect(wf.on).toEqual({
      workflow_dispatch: { inputs: { tags } },
      workflow_call: {
        inputs: { tags },
        outputs: {
          sucess: {
            description: 'Whether the build is successful or not',
            value: '${{ jobs.sucess-push.outputs.success }}',
          },
        },
      },
      push: { branches: ['main'], 'paths-ignore': NON_CODE_PATHS },
      pull_request: { branches: ['main'], 'paths-ignore': NON_CODE_PATHS },
    });
    expect(jobNames(wf)).toEqual({
      'pure-wheels-sdist': 'Pure wheels and sdist distribution',
      mypyc: 'Compiled mypyc wheels (${{ matrix.name }})',
      'check-download-artefacts': 'dry-run for downloading artefacts',
      'push-nightly': 'Push nightly wheels',
      'sucess-push': undefined,
      'sucess-pr': undefined,
    });
    expect(wf.env).toMatchObject({
      CIBW_BUILD_FRONTEND: 'build',
      CIBW_ENVIRONMENT_PASS_LINUX: 'HATCH_BUILD_HOOKS_ENABLE MYPYPATH',
      HATCH_VERBOSE: 2,
    });
  });

  it('publishes nightlies to TestPyPI on pushes only, with OIDC', () => {
    const nightly = wf.jobs['push-nightly'];
    expect(nightly.if).toBe("!github.event.repository.fork && github.event_name == 'push'");
    expect(nightly.permissions).toEqual({ 'id-token': 'write' });
    expect(withOf(wf, 'pypa/gh-action-pypi-publish')).toEqual([
      { 'repository-url': 'https://test.pypi.org/legacy/', 'print-hash': true },
    ]);
  });

  it('uploads python-artefacts and <name>-mypyc-wheels; checks out the requested tag', () => {
    expect(withOf(wf, 'actions/upload-artifact').map((w) => w.name)).toEqual([
      'python-artefacts',
      '${{ matrix.name }}-mypyc-wheels',
    ]);
    expect(wf.jobs.mypyc.strategy.matrix.include.map((m: Y) => m.name)).toEqual([
      'linux-x86_64',
      'macos-x86_64',
      'macos-arm64',
      'macos-universal2',
    ]);
    for (const c of withOf(wf, 'actions/checkout')) expect(c.ref).toBe('${{ inputs.tags }}');
  });

  it('the workflow_call output reads an alls-green job that runs for calls', () => {
    const push = wf.jobs['sucess-push'];
    expect(push.outputs).toEqual({ success: '${{ steps.evergreen.outputs.success }}' });
    expect(push.steps[0].id).toBe('evergreen');
    expect(push.if).toBe("always() && github.event_name != 'pull_request'");
    expect(wf.jobs['sucess-pr'].if).toBe("always() && github.event_name == 'pull_request'");
  });
});

describe('create-releases.yml', () => {
  let wf: Y;
  beforeAll(async () => {
    wf = await workflow('create-releases');
  });

  it('name, trigger and jobs', () => {
    expect(wf.name).toBe('release');
    expect(wf.on).toEqual({
      workflow_dispatch: {
        inputs: {
          release_type: {
            description: 'Release type',
            required: true,
            type: 'choice',
            default: 'patch',
            options: ['major', 'minor', 'patch'],
          },
        },
      },
    });
    expect(Object.keys(wf.jobs)).toEqual([
      'release',
      'compile-pypi',
      'publish-python',
      'prepare-next-dev-cycle',
      'binary-distribution',
      'release-notes',
      'bump-homebrew-tap',
    ]);
    expect(wf.jobs.release.if).toBe("github.repository_owner == 'bentoml'");
  });

  it('calls this repository’s workflows by local path with the release tag', () => {
    expect(wf.jobs['compile-pypi']).toMatchObject({
      uses: './.github/workflows/compile-pypi.yml',
      with: { tags: '${{ needs.release.outputs.version }}' },
      needs: ['release'],
    });
    expect(wf.jobs['binary-distribution'].uses).toBe('./.github/workflows/binary-releases.yml');
    expect(wf.jobs['release-notes']).toMatchObject({
      uses: './.github/workflows/release-notes.yml',
      with: { tags: '${{ needs.release.outputs.version }}' },
    });
  });

  it('publishes to PyPI (trusted publishing) only what compile-pypi built', () => {
    const publish = wf.jobs['publish-python'];
    expect(publish.needs).toEqual(['compile-pypi', 'release']);
    expect(publish.permissions).toEqual({ 'id-token': 'write' });
    expect(withOf(wf, 'pypa/gh-action-pypi-publish')).toEqual([{ 'print-hash': true }]);
    expect(withOf(wf, 'actions/download-artifact')).toEqual([
      { name: 'python-artefacts', path: 'dist' },
      { pattern: '*-mypyc-wheels', path: 'dist', 'merge-multiple': true },
    ]);
  });

  it('releases with release.sh under the bot GPG identity; pushes with the PAT', () => {
    const release = wf.jobs.release;
    expect(release.outputs).toEqual({ version: '${{ steps.release.outputs.tag }}' });
    const step = release.steps.find((s: Y) => s.id === 'release');
    expect(step.run).toContain('./.github/actions/release.sh --release "${RELEASE_TYPE}"');
    expect(step.env).toMatchObject({
      RELEASE_TYPE: '${{ inputs.release_type }}',
      GIT_AUTHOR_NAME: '${{ steps.import-gpg.outputs.name }}',
      GIT_COMMITTER_EMAIL: '${{ steps.import-gpg.outputs.email }}',
    });
    const gpg = withOf(wf, 'crazy-max/ghaction-import-gpg');
    expect(gpg).toHaveLength(3);
    for (const g of gpg)
      expect(g).toMatchObject({
        gpg_private_key: '${{ secrets.GPG_PRIVATE_KEY }}',
        passphrase: '${{ secrets.GPG_PASSPHRASE }}',
        git_user_signingkey: true,
        git_commit_gpgsign: true,
        git_tag_gpgsign: true,
      });
    expect(release.steps[0].with).toMatchObject({ token: '${{ secrets.OPENLLM_PAT }}' });
    const brew = wf.jobs['bump-homebrew-tap'].steps.at(-1);
    expect(brew.env.GITHUB_TOKEN).toBe('${{ secrets.HOMEBREW_GITHUB_TOKEN }}');
    expect(brew.run).toContain('git add Formula');
    const dev = wf.jobs['prepare-next-dev-cycle'].steps.at(-1);
    expect(dev.run).toContain('[generated] [skip ci]');
    expect(dev.run).toContain('git push origin HEAD:main');
  });
});

describe('release-notes.yml', () => {
  let wf: Y;
  beforeAll(async () => {
    wf = await workflow('release-notes');
  });

  it('name and triggers', () => {
    expect(wf.name).toBe('release-notes');
    const tags = { type: 'string', required: true, description: 'Tag for releases' };
    expect(wf.on).toEqual({
      workflow_dispatch: { inputs: { tags } },
      workflow_call: { inputs: { tags } },
    });
    expect(Object.keys(wf.jobs)).toEqual(['gen-release-notes']);
    expect(wf.jobs['gen-release-notes'].permissions).toEqual({ contents: 'write' });
  });

  it('creates the GitHub release for the tag with wheels, binaries and installers', () => {
    expect(withOf(wf, 'softprops/action-gh-release')).toEqual([
      {
        generate_release_notes: true,
        body_path: 'release_notes.txt',
        fail_on_unmatched_files: true,
        tag_name: '${{ inputs.tags }}',
        files: 'dist/*\narchives/*\ninstallers/*',
      },
    ]);
    expect(withOf(wf, 'actions/download-artifact')).toEqual([
      { name: 'python-artefacts', path: 'dist' },
      { pattern: '*-mypyc-wheels', path: 'dist', 'merge-multiple': true },
      { pattern: 'standalone-*', path: 'archives', 'merge-multiple': true },
      { name: 'installers', path: 'installers' },
    ]);
    const notes = wf.jobs['gen-release-notes'].steps[1];
    expect(notes.run).toBe('./.github/actions/create_release_and_archive.sh "${TAG}"');
    expect(notes.env).toEqual({ TAG: '${{ inputs.tags }}' });
  });
});

describe('cron.yml', () => {
  let wf: Y;
  beforeAll(async () => {
    wf = await workflow('cron');
  });

  it('name, triggers and concurrency', () => {
    expect(wf.name).toBe('Cron update');
    expect(wf.on).toEqual({ workflow_dispatch: null, schedule: [{ cron: '42 2 * * SUN-WED' }] });
    expect(wf.concurrency.group).toBe('cron-${{ github.head_ref || github.run_id }}');
    expect(jobNames(wf)).toEqual({ 'update-actions': 'Ratchet update' });
  });

  it('updates pins with the project’s own tools and opens a signed PR', () => {
    const runs = wf.jobs['update-actions'].steps.map((s: Y) => s.run).filter(Boolean);
    expect(runs).toEqual(['pnpm install --frozen-lockfile', 'pnpm pin --update', 'pnpm gen']);
    expect(stepsUsing(wf, 'pnpm/action-setup')).toHaveLength(1);
    expect(stepsUsing(wf, 'actions/setup-node')).toHaveLength(1);
    expect(withOf(wf, 'peter-evans/create-pull-request')).toEqual([
      expect.objectContaining({
        title: 'ci: update lock actions [generated]',
        branch: 'cron/ratchet',
        'branch-suffix': 'timestamp',
        'delete-branch': true,
        reviewers: 'aarnphm',
      }),
    ]);
  });
});

describe('cleanup.yml', () => {
  it('deletes the closed PR’s merge-ref caches without failing on one', async () => {
    const wf = await workflow('cleanup');
    expect(wf.name).toBe('Cleanup PR cache');
    expect(wf.on).toEqual({ pull_request: { types: ['closed'] } });
    const step = wf.jobs.cleanup.steps[0];
    expect(step.env).toEqual({
      GH_TOKEN: '${{ secrets.GITHUB_TOKEN }}',
      REPO: '${{ github.repository }}',
      BRANCH: 'refs/pull/${{ github.event.pull_request.number }}/merge',
    });
    expect(step.run).toContain('gh cache list');
    expect(step.run).toContain('gh cache delete');
    expect(step.run).toContain('set +e');
    expect(wf.jobs.cleanup.permissions).toEqual({ actions: 'write' });
  });
});
