import { describe, expect, it } from 'vitest';
import { parseSuppressions } from '../../scripts/lint/suppressions.ts';

const text = `# lint-allow permissions: fixture
name: x
on: push
jobs:
  # lint-allow secrets-to-forks: maintainers only
  build:
    runs-on: ubuntu-latest
    steps:
      # lint-allow unpinned-uses: reason
      - uses: a/b@v1
        with:
          x: 1
      - run: echo
  other:
    runs-on: ubuntu-latest
    # lint-allow job-graph
    steps:
    - run: a
    - run: b
    env: {}
`;

describe('parseSuppressions', () => {
  const s = parseSuppressions(text);
  const by = (rule: string) => s.find((x) => x.rule === rule)!;

  it('a comment above the first key covers the whole file', () => {
    expect(by('permissions')).toMatchObject({
      from: 1,
      to: text.split('\n').length,
      reason: 'fixture',
    });
  });

  it('a comment above a job key covers that job only', () => {
    expect(by('secrets-to-forks')).toMatchObject({ from: 6, to: 13, line: 5, col: 3 });
  });

  it('a comment above a "- " item covers that step only', () => {
    expect(by('unpinned-uses')).toMatchObject({ from: 10, to: 12, reason: 'reason' });
  });

  it('covers a compact sequence at the key indent, and records a missing reason as empty', () => {
    expect(by('job-graph')).toMatchObject({ from: 17, to: 19, reason: '' });
  });
});
