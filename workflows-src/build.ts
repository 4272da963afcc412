/**
 * Builds the OpenLLM base image (all compiled kernels) on a self-hosted EC2 GPU runner that is
 * started for the build and stopped after it, and pushes it to GHCR and ECR Public.
 */
import { always, and, defineWorkflow, env, github, job, uses } from '#ci';
import { secret } from './lib/contexts.ts';
import { configureAwsCredentials, ec2Runner } from './lib/actions.ts';
import { bashDefaults, commonEnv, notFromFork, prConcurrency } from './lib/common.ts';
import { runWhenAsked } from './lib/gate.ts';
import { imageJob } from './lib/image.ts';

export const BASE_IMAGE_GHCR = 'ghcr.io/bentoml/openllm';
export const BASE_IMAGE_ECR = 'public.ecr.aws/y5w8i4y6/bentoml/openllm';
/** S3 layer cache shared by the base image builds. */
const LAYER_CACHE = 'region=us-east-1,bucket=openllm-cache,name=y5w8i4y6';

export const gate = runWhenAsked({
  marker: '[ec2 build]',
  label: '00 - EC2 Build',
  pushToMain: true,
});

const awsProdCredentials = uses({
  name: 'Configure AWS credentials',
  uses: configureAwsCredentials,
  with: {
    'aws-access-key-id': secret('AWS_PROD_ACCESS_KEY_ID'),
    'aws-secret-access-key': secret('AWS_PROD_SECRET_ACCESS_KEY'),
    'aws-region': env('AWS_REGION'),
  },
});

const nodeRetiredAllow = {
  retired:
    "OpenLLM's own fork, pinned by SHA; no maintained node20 release offers its inputs yet. Replace it when one does (see docs/deviations.md).",
};

const startEc2Runner = uses({
  lintAllow: nodeRetiredAllow,
  id: 'start-ec2-runner',
  name: 'Start EC2 runner',
  uses: ec2Runner,
  with: {
    mode: 'start',
    'github-token': secret('OPENLLM_PAT'),
    'ec2-region': env('AWS_REGION'),
    'ec2-image-id': env('EC2_AMI_ID'),
    'ec2-instance-type': env('EC2_INSTANCE_TYPE'),
    'subnet-id': env('EC2_SUBNET_ID'),
    'security-group-id': env('EC2_SECURITY_GROUP'),
  },
});

const startRunner = job('start-runner', [gate.job], (needs) => ({
  name: 'Start self-hosted EC2 runner',
  if: gate.when(needs),
  'runs-on': 'ubuntu-latest',
  env: {
    EC2_INSTANCE_TYPE: 'g5.12xlarge',
    EC2_AMI_ID: 'ami-089dafe9af191a0fd',
    EC2_SUBNET_ID:
      'subnet-0ca63188fe98788c1,subnet-05997205433b249d0,subnet-07ef5d3e974275fed,subnet-0161ef0151089bb0b',
    EC2_SECURITY_GROUP: 'sg-051366641bf2b8049',
  },
  outputs: {
    label: startEc2Runner.outputs.label,
    'ec2-instance-id': startEc2Runner.outputs['ec2-instance-id'],
  },
  steps: [awsProdCredentials, startEc2Runner],
}));

const buildAndPush = imageJob({
  id: 'build-and-push-image',
  name: 'Build and push OpenLLM base image',
  needs: [startRunner],
  runsOn: (needs) => `${needs['start-runner'].outputs.label}`,
  // Implied by start-runner's gate; repeated so that the fork guard is visible on this job too.
  if: () => notFromFork,
  logins: [
    {
      registry: 'ghcr.io',
      username: github.actor,
      password: secret('GITHUB_TOKEN'),
      onPullRequest: false,
    },
    {
      registry: 'public.ecr.aws',
      username: secret('AWS_ACCESS_KEY_ID'),
      password: secret('AWS_SECRET_ACCESS_KEY'),
      env: { AWS_REGION: 'us-east-1' },
      onPullRequest: true,
    },
  ],
  images: [BASE_IMAGE_ECR, BASE_IMAGE_GHCR],
  prImages: [BASE_IMAGE_ECR],
  scannedImage: BASE_IMAGE_GHCR,
  sbomToken: 'GITHUB_TOKEN',
  context: '.',
  file: 'openllm-python/src/openllm/bundle/oci/Dockerfile',
  platforms: 'linux/amd64',
  cache: {
    from: `type=s3,${LAYER_CACHE}`,
    to: `type=s3,${LAYER_CACHE},mode=max,compression=zstd,ignore-error=true`,
    env: {
      AWS_ACCESS_KEY_ID: secret('AWS_PROD_ACCESS_KEY_ID'),
      AWS_SECRET_ACCESS_KEY: secret('AWS_PROD_SECRET_ACCESS_KEY'),
    },
  },
});

const stopRunner = job('stop-runner', [startRunner, buildAndPush, gate.job], (needs) => ({
  name: 'Stop self-hosted EC2 runner',
  // always(): stop the instance even when the build failed or was cancelled.
  if: and(always(), gate.when(needs)),
  'runs-on': 'ubuntu-latest',
  steps: [
    awsProdCredentials,
    uses({
      lintAllow: nodeRetiredAllow,
      name: 'Stop EC2 runner',
      uses: ec2Runner,
      with: {
        mode: 'stop',
        'github-token': secret('OPENLLM_PAT'),
        'ec2-region': env('AWS_REGION'),
        label: needs['start-runner'].outputs.label,
        'ec2-instance-id': needs['start-runner'].outputs['ec2-instance-id'],
      },
    }),
  ],
}));

export default defineWorkflow({
  name: 'Build and push OpenLLM base container',
  on: {
    workflow_dispatch: null,
    push: { branches: ['main'], tags: ['*'] },
    pull_request: { types: ['labeled', 'opened', 'synchronize', 'reopened'] },
  },
  permissions: { contents: 'read' },
  env: { ...commonEnv, AWS_REGION: 'us-west-2' },
  defaults: bashDefaults,
  concurrency: prConcurrency,
  jobs: [gate.job, startRunner, buildAndPush, stopRunner],
});
