import { describe, expect, it } from 'vitest';
import { runsForForkPR } from '../../scripts/lint/fork-guard.ts';

describe('runsForForkPR: an if: evaluated for a pull_request from a fork', () => {
  it.each([
    ["github.event_name != 'pull_request'", false],
    ["${{ github.event_name == 'push' }}", false],
    ['github.event.pull_request.head.repo.full_name == github.repository', false],
    ['!github.event.pull_request.head.repo.fork', false],
    ["startsWith(github.ref, 'refs/tags/')", false],
    [
      "(github.event_name != 'pull_request') || (github.event.pull_request.head.repo.full_name == github.repository)",
      false,
    ],
    ['false', false],
    ["github.event_name == 'pull_request'", true],
    ['github.event.pull_request.head.repo.full_name != github.repository', true],
  ])('%s → %s', (cond, expected) => {
    expect(runsForForkPR(cond)).toBe(expected);
  });

  it.each([
    "github.repository == 'bentoml/OpenLLM'", // true on a fork PR too: the run is in the base repository
    "contains(github.event.pull_request.labels.*.name, '00 - EC2 Build')",
    "github.event_name == 'pull_request' && contains(github.event.pull_request.labels.*.name, 'x')",
    'always()',
    'github.event_name == "pull_request"', // does not parse: unknown, not a guard
  ])('%s → unknown', (cond) => {
    expect(runsForForkPR(cond)).toBeUndefined();
  });
});
