/**
 * Pinning benchmark: 200 unique refs against the fake GitHub API with 100 ms latency per request.
 * Target: one request per unique ref and at most 3 s; a second run on the complete lock makes
 * no request at all.
 */
import { emptyLock, parseActionRef } from '../lock/lock.ts';
import { createGitHubClient } from '../pin/github.ts';
import { resolveRefs } from '../pin/resolve.ts';
import type { UsedRef } from '../pin/types.ts';
import { FakeGitHub } from '../../test/fake-github/server.ts';

const UNIQUE = 200;
const LATENCY_MS = 100;
const REPO = 'taiki-e/install-action';

export async function benchPin(): Promise<string[]> {
  const fake = await FakeGitHub.start({ latencyMs: LATENCY_MS });
  try {
    // Version tags of a recorded repository with many lightweight tags; every tag used by
    // three workflows, so deduplication is part of what is measured.
    const tags = fake
      .repo(REPO)
      .tags.map((t) => t.name)
      .filter((n) => /^v\d+\.\d+\.\d+$/.test(n))
      .slice(0, UNIQUE);
    if (tags.length < UNIQUE)
      throw new Error(`bench: ${REPO} has only ${tags.length} version tags`);
    const refs: UsedRef[] = tags.flatMap((tag, i) =>
      ['ci', 'release', 'nightly'].map((wf) => ({
        ref: parseActionRef(`${REPO}@${tag}`)!,
        file: `workflows-src/${wf}.ts`,
        path: `jobs.j${i}.steps[0].uses`,
      })),
    );

    const client = createGitHubClient({ apiUrl: fake.url });
    const started = performance.now();
    const first = await resolveRefs(refs, emptyLock(), client);
    const wall = performance.now() - started;
    if (!first.ok)
      throw new Error(`bench: pinning failed: ${first.report.diagnostics[0]?.message}`);
    const requests = fake.count();

    fake.resetRequests();
    const again = createGitHubClient({ apiUrl: fake.url });
    const started2 = performance.now();
    await resolveRefs(refs, first.lock, again);
    const wall2 = performance.now() - started2;
    const requests2 = fake.count();

    const verdict = (good: boolean) => (good ? 'ok' : 'MISSED');
    return [
      `pin: ${UNIQUE} unique refs (${refs.length} uses), ${LATENCY_MS} ms latency per request`,
      `  first run:  ${(wall / 1000).toFixed(2)} s wall, ${requests} requests ` +
        `[target <= 3 s: ${verdict(wall <= 3000)}; requests = unique refs: ${verdict(requests === UNIQUE)}]`,
      `  second run (complete lock): ${(wall2 / 1000).toFixed(3)} s wall, ${requests2} requests ` +
        `[target 0: ${verdict(requests2 === 0)}]`,
    ];
  } finally {
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchPin()) process.stdout.write(`${line}\n`);
}
