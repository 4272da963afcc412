import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../scripts/pin/github.ts';
import { FakeGitHub } from './server.ts';
import { fakeGitHubForTests } from './for-tests.ts';

const fake = fakeGitHubForTests();

const get = (path: string, accept = 'application/vnd.github+json') =>
  fetch(fake.url + path, { headers: { accept } });
const json = async (path: string): Promise<any> => (await get(path)).json();

describe('fake GitHub REST API', () => {
  it('answers like GitHub for unknown repositories and refs', async () => {
    const r404 = await get('/repos/nobody/nothing');
    expect(r404.status).toBe(404);
    expect(await r404.json()).toMatchObject({
      message: 'Not Found',
      documentation_url: expect.any(String),
    });
    const r422 = await get('/repos/actions/checkout/commits/nope');
    expect(r422.status).toBe(422);
    expect(((await r422.json()) as { message: string }).message).toBe(
      'No commit found for SHA: nope',
    );
    expect(r422.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
  });

  it('serves commits as bare SHA text or JSON', async () => {
    const v4 = fake.repo('actions/checkout').tags.find((t) => t.name === 'v4')!.commit;
    const text = await get('/repos/actions/checkout/commits/v4', 'application/vnd.github.sha');
    expect(await text.text()).toBe(v4);
    const commit = await json(`/repos/actions/checkout/commits/${v4}`);
    expect(commit.sha).toBe(v4);
    expect(commit.commit.committer.date).toMatch(/^\d{4}-/);
    // Fork-only commits are served too, as GitHub does.
    const fork = fake.repo('actions/checkout').fork_only_commits[0]!;
    expect((await get(`/repos/actions/checkout/commits/${fork}`)).status).toBe(200);
  });

  it('serves refs, annotated tag objects and prefix matches', async () => {
    const t = fake.repo('actions/checkout').tags.find((x) => x.name === 'v1')!;
    const ref = await json('/repos/actions/checkout/git/ref/tags/v1');
    expect(ref.object).toMatchObject({ type: 'tag', sha: t.tag_object });
    const obj = await json(`/repos/actions/checkout/git/tags/${t.tag_object}`);
    expect(obj.object).toEqual({ type: 'commit', sha: t.commit });
    const matching = await json('/repos/actions/checkout/git/matching-refs/tags/v4');
    expect(matching.map((m: { ref: string }) => m.ref)).toContain('refs/tags/v4.1.1');
    expect(matching.every((m: { ref: string }) => m.ref.startsWith('refs/tags/v4'))).toBe(true);
  });

  it('paginates tags with a Link header', async () => {
    const all = fake.repo('taiki-e/install-action').tags.length;
    const first = await get('/repos/taiki-e/install-action/tags?per_page=100&page=1');
    expect(first.headers.get('link')).toMatch(/page=2>; rel="next"/);
    const client = createGitHubClient({ apiUrl: fake.url });
    expect((await client.listTags('taiki-e', 'install-action')).length).toBe(all);
    expect(fake.count('/tags')).toBe(1 + Math.ceil(all / 100));
  });

  it('serves action.yml at a commit as base64 with the blob SHA, 404 when missing', async () => {
    const data = fake.repo('actions/checkout');
    const [commit, files] = Object.entries(data.action_files).find(([, f]) => 'action.yml' in f)!;
    const client = createGitHubClient({ apiUrl: fake.url });
    const file = await client.getFile('actions', 'checkout', 'action.yml', commit);
    expect(file).toEqual({
      text: files['action.yml'],
      blobSha: data.action_file_blob_shas[commit]!['action.yml'],
    });
    expect(await client.getFile('actions', 'checkout', 'nope.yml', commit)).toBeUndefined();
  });

  it('drops an input from action.yml at a new tag (mutation for drift tests)', async () => {
    const local = await FakeGitHub.start();
    try {
      const client = createGitHubClient({ apiUrl: local.url });
      const before = await client.getFile('actions', 'checkout', 'action.yml', 'v4');
      expect(before!.text).toMatch(/\n  lfs:/);
      const commit = local.releaseWithoutInput('actions/checkout', {
        from: 'v4',
        tag: 'v4.99.0',
        input: 'lfs',
      });
      const after = await client.getFile('actions', 'checkout', 'action.yml', 'v4.99.0');
      expect(after!.text).not.toMatch(/\n  lfs:/);
      // Only the lfs block went: every other input is still there.
      expect(after!.text.split('\n').length).toBeLessThan(before!.text.split('\n').length);
      expect(after!.text).toMatch(/\n  submodules:/);
      expect(after!.blobSha).not.toBe(before!.blobSha);
      expect(await client.getCommitSha('actions', 'checkout', 'v4.99.0')).toBe(commit);
      expect(await client.compare('actions', 'checkout', 'v4', commit)).toMatchObject({
        status: 'ahead',
      });
    } finally {
      await local.close();
    }
  });

  it('compares: recorded entries, identical refs, fork-only heads', async () => {
    const data = fake.repo('actions/checkout');
    const rec = data.compare[0]!;
    const got = await (
      await get(`/repos/actions/checkout/compare/${rec.base}...${rec.head}`)
    ).json();
    expect(got).toMatchObject({
      status: rec.status,
      ahead_by: rec.ahead_by,
      behind_by: rec.behind_by,
    });
    const same = await json(`/repos/actions/checkout/compare/main...${data.default_branch_commit}`);
    expect(same.status).toBe('identical');
    const fork = data.fork_only_commits[2]!;
    const f = await json(`/repos/actions/checkout/compare/v4...${fork}`);
    expect(['ahead', 'diverged']).toContain(f.status);
  });

  it('releases/latest gives the recorded guess', async () => {
    const r = await json('/repos/actions/checkout/releases/latest');
    expect(r.tag_name).toBe(fake.repo('actions/checkout').releases_guess);
  });

  it('applies faults a limited number of times and records every request', async () => {
    fake.inject({ action: { kind: 'status', status: 502 }, times: 1, match: '/git/ref/' });
    expect((await get('/repos/actions/checkout/git/ref/tags/v4')).status).toBe(502);
    expect((await get('/repos/actions/checkout/git/ref/tags/v4')).status).toBe(200);
    expect(fake.count('/git/ref/')).toBe(2);
  });
});

describe('serve.ts', () => {
  it('prints its URL and serves the recording', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const child = spawn(
      join(root, 'node_modules/.bin/tsx'),
      ['test/fake-github/serve.ts', '--port', '0'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((res, rej) => {
        child.stdout.on('data', (b: Buffer) => res(b.toString().trim()));
        child.on('exit', (c) => rej(new Error(`serve.ts exited with ${c}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const repo = (await (await fetch(`${url}/repos/actions/checkout`)).json()) as {
        default_branch: string;
      };
      expect(repo.default_branch).toBe('main');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
