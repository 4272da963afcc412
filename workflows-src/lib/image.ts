/**
 * The container image job shared by build.yml and clojure-frontend.yml: build with buildx, push to
 * the registries, sign every pushed tag with cosign (keyless), then record an SBOM in the
 * dependency graph and a CRITICAL vulnerability scan in code scanning.
 */
import { env, github, job, or, run, uses, type Expr, type Job, type Step } from '#ci';
import type { AnyJob, NeedsContext } from '#ci/job';
import type { RunsOn } from '#ci/schema';
import {
  buildPush,
  checkout,
  cosignInstaller,
  dockerLogin,
  dockerMetadata,
  githubSlug,
  setupBuildx,
  setupQemu,
  trivy,
  uploadSarif,
} from './actions.ts';
import { isPullRequest, notPullRequest } from './common.ts';
import { secret, type SecretName } from './contexts.ts';

export interface RegistryLogin {
  registry: string;
  username: Expr;
  password: Expr;
  /** Step env (ECR Public needs `AWS_REGION: us-east-1`). */
  env?: Readonly<Record<string, string | Expr>>;
  /** Log in on pull requests too: needed where PR builds push (`prImages`). */
  onPullRequest: boolean;
}

export interface ImageJobOptions<Id extends string, N extends readonly AnyJob[]> {
  id: Id;
  name: string;
  /** Jobs this one needs; `runsOn` and `if` may read their outputs. */
  needs: N;
  runsOn: (needs: NeedsContext<N>) => RunsOn;
  /** Run condition; without one the job runs when its needs succeeded. */
  if?: (needs: NeedsContext<N>) => Expr;
  logins: readonly RegistryLogin[];
  /** Images tagged semver, major.minor, latest (default branch) and `sha-<short>` outside PRs. */
  images: readonly string[];
  /** Images a pull request pushes, tagged `sha-<short>` only. */
  prImages: readonly string[];
  /** The image whose `sha-<short>` tag is scanned by trivy. */
  scannedImage: string;
  /**
   * Secret trivy uses to submit the SBOM to the dependency graph. With the job's own
   * GITHUB_TOKEN, the job needs `contents: write`; with a PAT it keeps `contents: read`.
   */
  sbomToken: SecretName;
  context: string;
  file: string;
  platforms: string;
  /** Extra build-push inputs (cache) and the step env they need. */
  cache?: { from: string; to: string; env: Readonly<Record<string, Expr>> };
}

const shortSha = env('GITHUB_SHA_SHORT');
const IMAGE_SOURCE_LABEL = 'org.opencontainers.image.source="https://github.com/bentoml/OpenLLM"';

export function imageRef(image: string, tag: string | Expr): string {
  return `${image}:${tag}`;
}

/** The build-sign-scan-publish job. */
export function imageJob<const Id extends string, const N extends readonly AnyJob[]>(
  opts: ImageJobOptions<Id, N>,
): Job<Id, never> {
  return job(opts.id, opts.needs, (needs) => ({
    name: opts.name,
    ...(opts.if ? { if: opts.if(needs) } : {}),
    'runs-on': opts.runsOn(needs),
    permissions: {
      contents: opts.sbomToken === 'GITHUB_TOKEN' ? 'write' : 'read',
      packages: 'write',
      'id-token': 'write',
      'security-events': 'write',
    },
    concurrency: {
      group: `${github.workflow}-${github.job}-${or(github.head_ref, github.run_id)}`,
      'cancel-in-progress': true,
    },
    steps: imageSteps(opts),
  }));
}

function imageSteps(opts: ImageJobOptions<string, readonly AnyJob[]>): Step[] {
  const metaPr = uses({
    id: 'meta-pr',
    name: 'Extract metadata (tags, labels) for pull requests',
    if: isPullRequest,
    uses: dockerMetadata,
    with: {
      images: opts.prImages.join('\n'),
      tags: `type=raw,value=sha-${shortSha}`,
      labels: IMAGE_SOURCE_LABEL,
    },
  });
  const meta = uses({
    id: 'meta',
    name: 'Extract metadata (tags, labels)',
    if: notPullRequest,
    uses: dockerMetadata,
    with: {
      images: opts.images.join('\n'),
      flavor: 'latest=auto',
      tags: [
        'type=semver,pattern={{version}}',
        'type=semver,pattern={{major}}.{{minor}}',
        'type=raw,value=latest,enable={{is_default_branch}}',
        `type=raw,value=sha-${shortSha}`,
      ].join('\n'),
      labels: IMAGE_SOURCE_LABEL,
    },
  });
  const build = uses({
    id: 'build-and-push',
    name: 'Build and push image',
    uses: buildPush,
    with: {
      context: opts.context,
      file: opts.file,
      push: true,
      platforms: opts.platforms,
      'build-args': [`GIT_SHA=${github.sha}`, `DOCKER_LABEL=sha-${shortSha}`].join('\n'),
      tags: `${or(meta.outputs.tags, metaPr.outputs.tags)}`,
      labels: `${or(meta.outputs.labels, metaPr.outputs.labels)}`,
      ...(opts.cache ? { 'cache-from': opts.cache.from, 'cache-to': opts.cache.to } : {}),
    },
    ...(opts.cache ? { env: opts.cache.env } : {}),
  });
  const scanned = imageRef(opts.scannedImage, `sha-${shortSha}`);

  return [
    uses({ name: 'Checkout', uses: checkout, with: { 'fetch-depth': 1 } }),
    uses({ name: 'Inject slug/short variables', uses: githubSlug }),
    uses({ name: 'Set up QEMU', uses: setupQemu }),
    uses({
      name: 'Set up Docker Buildx',
      uses: setupBuildx,
      // v4 dropped `install` (making buildx the default `docker build`): build-push-action calls buildx itself.
      with: { 'driver-opts': 'image=moby/buildkit:master\nnetwork=host' },
    }),
    uses({ name: 'Install cosign', if: notPullRequest, uses: cosignInstaller }),
    ...opts.logins.map((l) =>
      uses({
        name: `Login to ${l.registry}`,
        ...(l.onPullRequest ? {} : { if: notPullRequest }),
        uses: dockerLogin,
        with: { registry: l.registry, username: l.username, password: l.password },
        ...(l.env ? { env: l.env } : {}),
      }),
    ),
    metaPr,
    meta,
    build,
    run({
      name: 'Sign the released image',
      if: notPullRequest,
      env: { COSIGN_EXPERIMENTAL: 'true', TAGS: meta.outputs.tags, DIGEST: build.outputs.digest },
      run: 'echo "${TAGS}" | xargs -I {} cosign sign --yes "{}@${DIGEST}"',
    }),
    uses({
      name: 'Run Trivy in GitHub SBOM mode and submit results to Dependency Graph',
      if: notPullRequest,
      uses: trivy,
      with: {
        'image-ref': scanned,
        format: 'github',
        output: 'dependency-results.sbom.json',
        'github-pat': secret(opts.sbomToken),
        scanners: 'vuln',
      },
    }),
    uses({
      name: 'Run Trivy vulnerability scanner',
      if: notPullRequest,
      uses: trivy,
      with: {
        'image-ref': scanned,
        format: 'sarif',
        output: 'trivy-results.sarif',
        severity: 'CRITICAL',
      },
    }),
    uses({
      name: 'Upload Trivy scan results to GitHub Security tab',
      if: notPullRequest,
      uses: uploadSarif,
      with: { sarif_file: 'trivy-results.sarif' },
    }),
  ];
}
