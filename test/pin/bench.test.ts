import { expect, it } from 'vitest';
import { benchPin } from '../../scripts/bench/pin.ts';

it('benchmark: one request per unique ref, none on a complete lock', async () => {
  const lines = await benchPin();
  expect(lines[1]).toMatch(/ 200 requests /);
  expect(lines[1]).toContain('requests = unique refs: ok');
  expect(lines[2]).toMatch(/ 0 requests /);
  // Wall time is reported, not asserted: the test machine is shared with other suites.
  expect(lines[1]).toMatch(/first run: +\d+\.\d\d s wall/);
});
