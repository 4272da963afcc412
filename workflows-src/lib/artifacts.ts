/**
 * Artifact names passed between jobs and workflows, and the steps that collect them. Since v4,
 * an artifact name can be uploaded once per run, so matrix entries upload under distinct names and
 * consumers download by pattern with `merge-multiple`.
 */
import { uses, type Step } from '#ci';
import { downloadArtifact } from './actions.ts';

/** compile-pypi: the pure wheel and sdist. */
export const PYTHON_ARTEFACTS = 'python-artefacts';
/** compile-pypi: one per mypyc matrix entry, `<name>-mypyc-wheels`. */
export const MYPYC_WHEELS_SUFFIX = '-mypyc-wheels';
/** binary-releases: the wheel and sdist embedded into the standalone binaries. */
export const BINARY_ARTEFACTS = 'binary-artefacts';
/** binary-releases: per-target archives ready to publish (`standalone-<target>`). */
export const STANDALONE_PREFIX = 'standalone-';
/** binary-releases: per-target archives of non-Linux binaries (`staged-<os>-<target>`). */
export const STAGED_PREFIX = 'staged-';
/** binary-releases: Windows MSI/EXE installers. */
export const INSTALLERS = 'installers';

/** Every wheel and the sdist compile-pypi produced, merged into `path`. */
export function downloadAllWheels(path = 'dist'): Step[] {
  return [
    uses({
      name: 'Download the pure wheel and sdist',
      uses: downloadArtifact,
      with: { name: PYTHON_ARTEFACTS, path },
    }),
    uses({
      name: 'Download the compiled mypyc wheels',
      uses: downloadArtifact,
      with: { pattern: `*${MYPYC_WHEELS_SUFFIX}`, path, 'merge-multiple': true },
    }),
  ];
}
