import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../scripts/core/diagnostics.ts';
import { pinDiagnostics } from '../../scripts/pin/yaml-check.ts';
import { findUsesSites } from '../../scripts/pin/yaml-refs.ts';
import { pinText } from '../../scripts/pin/yaml-rewrite.ts';
import { recordedResolver } from './recorded.ts';

const read = (name: string) => readFileSync(new URL(`./cases/${name}`, import.meta.url), 'utf8');

describe('pinDiagnostics', () => {
  it('reports unpinned refs, exclusions, and unusable values with positions', () => {
    const diags = pinDiagnostics(findUsesSites(read('comments.yml')), 'w.yml');
    expect(diags.map(formatDiagnostic)).toEqual([
      'w.yml:7:15: jobs.test.steps[0].uses: actions/checkout@v4 is not pinned to a commit SHA Run `pnpm pin w.yml`, or add "# ratchet:exclude" with a reason. [unpinned]',
      'w.yml:8:15: jobs.test.steps[1].uses: actions/setup-node@v4 is not pinned to a commit SHA Run `pnpm pin w.yml`, or add "# ratchet:exclude" with a reason. [unpinned]',
      'w.yml:9:15: jobs.test.steps[2].uses: actions/setup-python@v5 is not pinned to a commit SHA Run `pnpm pin w.yml`, or add "# ratchet:exclude" with a reason. [unpinned]',
      'w.yml:10:15: jobs.test.steps[3].uses: actions/upload-artifact@v4 is not pinned to a commit SHA Run `pnpm pin w.yml`, or add "# ratchet:exclude" with a reason. [unpinned]',
      'w.yml:11:15: jobs.test.steps[4].uses: actions/download-artifact@v4 is not pinned to a commit SHA Run `pnpm pin w.yml`, or add "# ratchet:exclude" with a reason. [unpinned]',
      'w.yml:12:15: jobs.test.steps[5].uses: docker/login-action@v2 is left unpinned (ratchet:exclude), with no reason given [pin-excluded]',
      'w.yml:13:15: jobs.test.steps[6].uses: docker/login-action@v3 is left unpinned (ratchet:exclude): reason: login flow changes in v3 [pin-excluded]',
      'w.yml:15:15: jobs.test.steps[8].uses: the value names actions/checkout but its comment says ratchet:actions/setup-node@v3 Make the ratchet: comment name the same action as the value. [ratchet-mismatch]',
    ]);
    expect(diags.filter((d) => d.severity === 'warning')).toHaveLength(2);
  });

  it('is clean for a pinned file apart from exclusions', () => {
    const pinned = pinText(read('steps.yml'), recordedResolver()).text;
    expect(pinDiagnostics(findUsesSites(pinned), 'w.yml')).toEqual([]);
    expect(pinDiagnostics(findUsesSites(read('ratchet-2023.yml')), 'w.yml')).toEqual([]);
  });
});
