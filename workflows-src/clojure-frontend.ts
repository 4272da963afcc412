/** Builds the community-maintained Clojure UI image and pushes it to GHCR. */
import { defineWorkflow, github } from '#ci';
import { secret } from './lib/contexts.ts';
import { bashDefaults, commonEnv, prConcurrency } from './lib/common.ts';
import { runWhenAsked } from './lib/gate.ts';
import { imageJob } from './lib/image.ts';

export const CLOJURE_UI_IMAGE = 'ghcr.io/bentoml/openllm-ui-clojure';

export const gate = runWhenAsked({
  marker: '[clojure-ui build]',
  label: '01 - Clojure Build',
  skipDevTags: true,
});

const buildAndPush = imageJob({
  id: 'build-and-push-clojure-ui',
  name: 'Build and push Clojure UI image',
  needs: [gate.job],
  runsOn: () => 'ubuntu-latest',
  if: (needs) => gate.when(needs),
  logins: [
    {
      registry: 'ghcr.io',
      username: github.actor,
      password: secret('GITHUB_TOKEN'),
      onPullRequest: true,
    },
  ],
  images: [CLOJURE_UI_IMAGE],
  prImages: [CLOJURE_UI_IMAGE],
  scannedImage: CLOJURE_UI_IMAGE,
  sbomToken: 'UI_GITHUB_TOKEN',
  context: 'contrib/clojure',
  file: 'contrib/clojure/Dockerfile',
  platforms: 'linux/amd64,linux/arm64',
});

export default defineWorkflow({
  name: 'Build Clojure UI',
  on: {
    workflow_dispatch: null,
    push: null,
    pull_request: {
      branches: ['main'],
      types: ['labeled', 'opened', 'synchronize', 'reopened'],
      paths: ['contrib/clojure/**'],
    },
  },
  permissions: { contents: 'read' },
  env: commonEnv,
  defaults: bashDefaults,
  concurrency: prConcurrency,
  jobs: [gate.job, buildAndPush],
});
