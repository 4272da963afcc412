/**
 * Every third-party action the workflows use, bound once at its constraint (the newest major of
 * each action in the recorded snapshot). Changing a constraint here changes it everywhere; `pnpm
 * pin` then resolves it into the lock and regenerates the typed binding.
 */
import { action } from '#ci';

export const checkout = action('actions/checkout@v7');
export const uploadArtifact = action('actions/upload-artifact@v7');
export const downloadArtifact = action('actions/download-artifact@v8');
export const setupPython = action('actions/setup-python@v7');
export const setupNode = action('actions/setup-node@v7');
export const pnpmSetup = action('pnpm/action-setup@v4');
export const setupBentoml = action('bentoml/setup-bentoml-action@v1');

export const configureAwsCredentials = action('aws-actions/configure-aws-credentials@v6');
export const ec2Runner = action('aarnphm/ec2-github-runner@v1.1.0');

export const githubSlug = action('rlespinasse/github-slug-action@v4');
export const setupQemu = action('docker/setup-qemu-action@v4');
export const setupBuildx = action('docker/setup-buildx-action@v4');
export const dockerLogin = action('docker/login-action@v4');
export const dockerMetadata = action('docker/metadata-action@v6');
export const buildPush = action('docker/build-push-action@v7');
export const cosignInstaller = action('sigstore/cosign-installer@v4.1.2');
export const trivy = action('aquasecurity/trivy-action@v0.36.0');
export const uploadSarif = action('github/codeql-action/upload-sarif@v4');

export const allsGreen = action('re-actors/alls-green@release/v1');
export const stickyComment = action('marocchino/sticky-pull-request-comment@v3');

export const rustToolchain = action('dtolnay/rust-toolchain@stable');
export const installAction = action('taiki-e/install-action@v2');
export const cibuildwheel = action('pypa/cibuildwheel@v4.2.0');
export const pypiPublish = action('pypa/gh-action-pypi-publish@release/v1');

export const importGpg = action('crazy-max/ghaction-import-gpg@v7');
export const ghRelease = action('softprops/action-gh-release@v3');
export const createPullRequest = action('peter-evans/create-pull-request@v8');
