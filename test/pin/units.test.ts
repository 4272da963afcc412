import { describe, expect, it } from 'vitest';
import { apiUrlFrom, redact, tokenFrom } from '../../scripts/pin/github.ts';
import { limiter } from '../../scripts/pin/limit.ts';
import { createProgress } from '../../scripts/pin/progress.ts';
import { findUpgrade, parseVersion } from '../../scripts/pin/versions.ts';

describe('findUpgrade keeps the precision of the constraint', () => {
  const tags = [
    'v3',
    'v4',
    'v4.0.0',
    'v4.1',
    'v4.1.1',
    'v4.1.2',
    'v4.2',
    'v5',
    'v5.0',
    'v5.0.0',
    'v6-beta',
    'v6.0.0-rc.1',
    'latest',
  ];
  it.each<[string, { latest: string; sameMajor?: string }]>([
    ['v4', { latest: 'v5' }],
    ['v4.1', { latest: 'v5.0', sameMajor: 'v4.2' }],
    ['v4.1.1', { latest: 'v5.0.0', sameMajor: 'v4.1.2' }],
    ['v4.2', { latest: 'v5.0', sameMajor: undefined }],
  ])('%s', (constraint, expected) => {
    const up = findUpgrade(constraint, tags);
    expect(up?.latest).toBe(expected.latest);
    expect(up?.sameMajor).toBe(expected.sameMajor);
  });
  it('has nothing newer for the newest tag, branches and SHAs', () => {
    expect(findUpgrade('v5', tags)).toBeUndefined();
    expect(findUpgrade('main', tags)).toBeUndefined();
    expect(findUpgrade('a'.repeat(40), tags)).toBeUndefined();
  });
  it('compares numerically, not as text', () => {
    expect(findUpgrade('v2.9', ['v2.10', 'v2.9'])?.latest).toBe('v2.10');
    expect(findUpgrade('1.2', ['v1.3', '1.10'])?.latest).toBe('1.10');
  });
  it('ignores pre-releases', () => {
    expect(parseVersion('v6.0.0-rc.1')).toBeUndefined();
  });
});

describe('environment', () => {
  it('prefers --api-url, then GITHUB_API_URL, then github.com', () => {
    expect(apiUrlFrom('http://x/api/v3/', { GITHUB_API_URL: 'http://y' })).toBe('http://x/api/v3');
    expect(apiUrlFrom(undefined, { GITHUB_API_URL: 'https://ghe.example/api/v3' })).toBe(
      'https://ghe.example/api/v3',
    );
    expect(apiUrlFrom(undefined, {})).toBe('https://api.github.com');
  });
  it('reads GITHUB_TOKEN, else ACTIONS_TOKEN (as ratchet does)', () => {
    expect(tokenFrom({ GITHUB_TOKEN: 'a', ACTIONS_TOKEN: 'b' })).toBe('a');
    expect(tokenFrom({ ACTIONS_TOKEN: 'b' })).toBe('b');
    expect(tokenFrom({})).toBeUndefined();
  });
  it('redacts every occurrence of the token', () => {
    expect(redact('x ghp_abc123 y ghp_abc123', 'ghp_abc123')).toBe('x *** y ***');
  });
});

describe('limiter', () => {
  it('never runs more than max tasks at once', async () => {
    const limit = limiter(3);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limit(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 2));
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});

describe('progress line', () => {
  it('overwrites one line on a terminal and clears it at the end', () => {
    const written: string[] = [];
    const p = createProgress(true, (t) => {
      written.push(t);
      return true;
    });
    p.update(1, 2, 'resolving actions/checkout@v4');
    p.done();
    expect(written[0]).toContain('[1/2] resolving actions/checkout@v4');
    expect(written[0]!.startsWith('\r')).toBe(true);
    expect(written[1]).toBe('\r\x1b[K');
  });
  it('is silent when not on a terminal', () => {
    const written: string[] = [];
    const p = createProgress(false, (t) => {
      written.push(t);
      return true;
    });
    p.update(1, 1, 'x');
    p.done();
    expect(written).toEqual([]);
  });
});
