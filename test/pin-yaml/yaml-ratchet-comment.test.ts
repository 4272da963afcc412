import { describe, expect, it } from 'vitest';
import {
  findRatchetToken,
  isExcluded,
  withoutRatchetToken,
  withRatchetToken,
} from '../../scripts/pin/yaml-ratchet-comment.ts';

describe('ratchet comment token', () => {
  it('is found at the start of the comment or after whitespace only', () => {
    expect(findRatchetToken('# ratchet:actions/checkout@v4')).toEqual({
      value: 'actions/checkout@v4',
      start: 2,
      end: 29,
    });
    expect(findRatchetToken('#ratchet:o/r@v1')?.value).toBe('o/r@v1');
    expect(findRatchetToken('# keep\tratchet:o/r@v1 more')?.value).toBe('o/r@v1');
    expect(findRatchetToken('# see https://x/noratchet:o/r@v1')).toBeUndefined();
    expect(findRatchetToken('# v4.1.1')).toBeUndefined();
  });

  it('recognises exclusions anywhere in the comment', () => {
    expect(isExcluded('# ratchet:exclude')).toBe(true);
    expect(isExcluded('# needs v2 API ratchet:exclude')).toBe(true);
    expect(isExcluded('# ratchet:o/r@exclude-branch')).toBe(false);
  });

  it('is appended to other text, or replaced in place', () => {
    expect(withRatchetToken('# keep this', 'o/r@v4')).toBe('# keep this ratchet:o/r@v4');
    expect(withRatchetToken('# keep  ', 'o/r@v4')).toBe('# keep ratchet:o/r@v4  ');
    expect(withRatchetToken('#', 'o/r@v4')).toBe('# ratchet:o/r@v4');
    expect(withRatchetToken('# a ratchet:o/r@v3 b', 'o/r@v4')).toBe('# a ratchet:o/r@v4 b');
    expect(withRatchetToken('# ratchet:o/r@v4', 'o/r@v4')).toBe('# ratchet:o/r@v4');
  });

  it('is removed with one adjacent blank; undefined when nothing else remains', () => {
    expect(withoutRatchetToken('# keep this ratchet:o/r@v4')).toBe('# keep this');
    expect(withoutRatchetToken('# ratchet:o/r@v4 after')).toBe('# after');
    expect(withoutRatchetToken('# a ratchet:o/r@v4 b')).toBe('# a b');
    expect(withoutRatchetToken('# keep  ratchet:o/r@v4  ')).toBe('# keep   ');
    expect(withoutRatchetToken('# ratchet:o/r@v4')).toBeUndefined();
    expect(withoutRatchetToken('# ratchet:o/r@v4   ')).toBeUndefined();
    expect(withoutRatchetToken('# no token')).toBe('# no token');
  });

  it('round-trips: removing what was appended restores the comment', () => {
    for (const c of ['# keep this', '#x', '#   spaced   ', '# tab\t']) {
      expect(withoutRatchetToken(withRatchetToken(c, 'o/r@v1'))).toBe(c);
    }
  });
});
