import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import {
  FIXTURES_DIR,
  knownCommits,
  loadRepo,
  resolveCommit,
  type CompareEntry,
  type RepoData,
} from './data.ts';

/**
 * A fake of the parts of GitHub's REST API that pinning and typed bindings use, serving the
 * recorded snapshot in test/fixtures/github. It is a real HTTP server so that octokit (and its
 * retry/throttling plugins) run unmodified against it.
 */

export interface RecordedRequest {
  method: string;
  /** Decoded path without query, e.g. `/repos/actions/checkout/git/ref/tags/v4`. */
  path: string;
  query: Record<string, string>;
  accept: string;
  /** True when an Authorization header was sent (its value is never kept). */
  authenticated: boolean;
}

/** What to do instead of answering normally. */
export type FaultAction =
  | { kind: 'status'; status: 500 | 502 | 503 }
  /** Primary rate limit: 403 with `x-ratelimit-remaining: 0` and this reset (epoch seconds). */
  | { kind: 'rate-limit'; reset: number }
  /** Secondary rate limit: 429 with `retry-after` seconds. */
  | { kind: 'secondary-limit'; retryAfter: number }
  /** Accept the request and never answer. */
  | { kind: 'hang' }
  /** 200 with a JSON content type and a body that is not JSON. */
  | { kind: 'malformed' };

export interface FaultRule {
  action: FaultAction;
  /** How many matching requests it applies to (default: all). */
  times?: number;
  /** Substring of the decoded path, or a predicate; default: every request. */
  match?: string | ((req: RecordedRequest) => boolean);
}

export interface FakeGitHubOptions {
  port?: number;
  /** Delay before every answer, in ms. */
  latencyMs?: number;
  fixturesDir?: string;
}

const DOCS = 'https://docs.github.com/rest';

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  latencyMs: number;
  private readonly repos = new Map<string, RepoData | null>();
  private faults: (FaultRule & { left: number })[] = [];
  private readonly fixturesDir: string;
  private server!: Server;
  private rateRemaining = 5000;
  url = '';

  constructor(opts: FakeGitHubOptions = {}) {
    this.latencyMs = opts.latencyMs ?? 0;
    this.fixturesDir = opts.fixturesDir ?? FIXTURES_DIR;
  }

  static async start(opts: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    const fake = new FakeGitHub(opts);
    await fake.listen(opts.port);
    return fake;
  }

  /** Starts answering on 127.0.0.1 (a free port unless one is given); sets `url`. */
  async listen(port = 0): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- test controls ----------------------------------------------------------------------

  /** Adds a fault; rules are tried in the order they were added. */
  inject(rule: FaultRule): this {
    this.faults.push({ ...rule, left: rule.times ?? Infinity });
    return this;
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Requests received so far, optionally only those whose path contains `pathPart`. */
  count(pathPart?: string): number {
    return pathPart === undefined
      ? this.requests.length
      : this.requests.filter((r) => r.path.includes(pathPart)).length;
  }

  resetRequests(): void {
    this.requests.length = 0;
  }

  /** The mutable data of a recorded repository (loaded on first use). */
  repo(fullName: string): RepoData {
    const data = this.lookup(fullName);
    if (!data) throw new Error(`fake-github: no recorded data for ${fullName}`);
    return data;
  }

  /** Adds a repository that is not in the recording (e.g. synthetic data for a benchmark). */
  addRepo(data: RepoData): void {
    this.repos.set(`${data.owner}/${data.repo}`.toLowerCase(), data);
  }

  /** Points an existing tag at another commit (a moved tag); lightweight unless tagObject. */
  moveTag(fullName: string, tag: string, commit: string, tagObject: string | null = null): void {
    const t = this.repo(fullName).tags.find((x) => x.name === tag);
    if (!t) throw new Error(`fake-github: ${fullName} has no tag ${tag}`);
    t.commit = commit;
    t.tag_object = tagObject;
  }

  addTag(fullName: string, tag: string, commit: string, tagObject: string | null = null): void {
    const data = this.repo(fullName);
    data.tags = data.tags.filter((t) => t.name !== tag);
    data.tags.push({ name: tag, commit, tag_object: tagObject });
    data.tags.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  addBranch(fullName: string, branch: string, commit: string): void {
    const data = this.repo(fullName);
    data.branches = data.branches.filter((b) => b.name !== branch);
    data.branches.push({ name: branch, commit });
  }

  /** Records how two refs relate, for compare requests the recording does not cover. */
  addCompare(
    fullName: string,
    c: Pick<CompareEntry, 'base' | 'head' | 'status'> & Partial<CompareEntry>,
  ): void {
    const data = this.repo(fullName);
    const ahead = c.ahead_by ?? (c.status === 'ahead' || c.status === 'diverged' ? 1 : 0);
    const behind = c.behind_by ?? (c.status === 'behind' || c.status === 'diverged' ? 1 : 0);
    data.compare.unshift({
      ahead_by: ahead,
      behind_by: behind,
      total_commits: ahead,
      merge_base_commit: resolveCommit(data, c.status === 'ahead' ? c.base : c.head) ?? '',
      ...c,
    });
  }

  /**
   * Publishes a new tag whose action.yml is the one at `from` minus the input `input`, on a new
   * synthetic commit (also made the default branch head). Returns the new commit's SHA. For
   * tests of typed bindings and drift: "v4.99.0 dropped the `lfs` input".
   */
  releaseWithoutInput(
    fullName: string,
    opts: { from: string; tag: string; input: string; path?: string },
  ): string {
    const data = this.repo(fullName);
    const path = opts.path ?? 'action.yml';
    const fromSha = resolveCommit(data, opts.from);
    const text = fromSha ? data.action_files[fromSha]?.[path] : undefined;
    if (!fromSha || text === undefined)
      throw new Error(`fake-github: ${fullName} has no ${path} at ${opts.from}`);
    const without = removeInput(text, opts.input);
    if (without === text)
      throw new Error(`fake-github: ${path} at ${opts.from} has no input ${opts.input}`);
    const commit = createHash('sha1').update(`${fullName}:${opts.tag}:${without}`).digest('hex');
    this.setFile(fullName, commit, path, without);
    this.addTag(fullName, opts.tag, commit);
    data.commit_dates[commit] = new Date().toISOString();
    data.compare.unshift({
      base: fromSha,
      head: commit,
      status: 'ahead',
      ahead_by: 1,
      behind_by: 0,
      total_commits: 1,
      merge_base_commit: fromSha,
    });
    const head = data.branches.find((b) => b.name === data.default_branch);
    if (head) head.commit = commit;
    data.default_branch_commit = commit;
    return commit;
  }

  /** Sets (or, with `text: null`, removes) a file at a commit, e.g. an action.yml. */
  setFile(fullName: string, commit: string, path: string, text: string | null): void {
    const data = this.repo(fullName);
    const files = (data.action_files[commit] ??= {});
    const shas = (data.action_file_blob_shas[commit] ??= {});
    if (text === null) {
      delete files[path];
      delete shas[path];
    } else {
      files[path] = text;
      shas[path] = fakeBlobSha(text);
    }
  }

  // ---- HTTP -------------------------------------------------------------------------------

  private lookup(fullName: string): RepoData | undefined {
    const key = fullName.toLowerCase();
    if (!this.repos.has(key)) this.repos.set(key, loadRepo(fullName, this.fixturesDir) ?? null);
    return this.repos.get(key) ?? undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      accept: String(req.headers.accept ?? ''),
      authenticated: Boolean(req.headers.authorization),
    };
    this.requests.push(rec);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));

    const fault = this.faults.find(
      (f) =>
        f.left > 0 &&
        (f.match === undefined ||
          (typeof f.match === 'string' ? path.includes(f.match) : f.match(rec))),
    );
    if (fault) {
      fault.left--;
      return this.applyFault(fault.action, res);
    }
    try {
      this.route(rec, res);
    } catch (e) {
      this.json(res, 500, {
        message: `fake-github: ${(e as Error).message}`,
        documentation_url: DOCS,
      });
    }
  }

  private applyFault(action: FaultAction, res: ServerResponse): void {
    switch (action.kind) {
      case 'status':
        return this.json(res, action.status, { message: 'Server Error', documentation_url: DOCS });
      case 'rate-limit':
        return this.json(
          res,
          403,
          {
            message: 'API rate limit exceeded for 127.0.0.1.',
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
          },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(action.reset) },
        );
      case 'secondary-limit':
        return this.json(
          res,
          429,
          {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
          },
          { 'retry-after': String(action.retryAfter) },
        );
      case 'hang':
        return; // the socket stays open until the client gives up or close() is called
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"ref": "refs/tags/v1", "object": {"sha": ');
        return;
    }
  }

  private rateHeaders(): Record<string, string> {
    this.rateRemaining = Math.max(0, this.rateRemaining - 1);
    return {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(this.rateRemaining),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(5000 - this.rateRemaining),
      'x-ratelimit-resource': 'core',
      'x-github-api-version-selected': '2022-11-28',
    };
  }

  private json(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...this.rateHeaders(),
      ...headers,
    });
    res.end(JSON.stringify(body));
  }

  private notFound(res: ServerResponse): void {
    this.json(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  }

  private route(req: RecordedRequest, res: ServerResponse): void {
    const m = /^\/repos\/([^/]+)\/([^/]+)(?:\/(.*))?$/.exec(req.path);
    if (!m || req.method !== 'GET') return this.notFound(res);
    const data = this.lookup(`${m[1]}/${m[2]}`);
    if (!data) return this.notFound(res);
    const rest = m[3] ?? '';
    let r: RegExpExecArray | null;

    if (rest === '') {
      return this.json(res, 200, {
        name: data.repo,
        full_name: `${data.owner}/${data.repo}`,
        owner: { login: data.owner },
        default_branch: data.default_branch,
        private: false,
      });
    }
    if ((r = /^git\/ref\/(tags|heads)\/(.+)$/.exec(rest))) {
      const [, ns, name] = r;
      return this.gitRef(res, data, ns as 'tags' | 'heads', name!);
    }
    if ((r = /^git\/matching-refs\/(tags|heads)(?:\/(.*))?$/.exec(rest))) {
      const [, ns, prefix = ''] = r;
      const refs =
        ns === 'tags'
          ? data.tags
              .filter((t) => t.name.startsWith(prefix))
              .map((t) =>
                refJson(
                  data,
                  'tags',
                  t.name,
                  t.tag_object ?? t.commit,
                  t.tag_object ? 'tag' : 'commit',
                ),
              )
          : data.branches
              .filter((b) => b.name.startsWith(prefix))
              .map((b) => refJson(data, 'heads', b.name, b.commit, 'commit'));
      return this.json(res, 200, refs);
    }
    if ((r = /^git\/tags\/([0-9a-f]{40})$/.exec(rest))) {
      const tag = data.tags.find((t) => t.tag_object === r![1]);
      if (!tag) return this.notFound(res);
      return this.json(res, 200, {
        sha: tag.tag_object,
        tag: tag.name,
        message: `${tag.name}\n`,
        object: { type: 'commit', sha: tag.commit },
      });
    }
    if ((r = /^commits\/(.+)$/.exec(rest))) return this.commit(req, res, data, r[1]!);
    if ((r = /^contents\/(.+)$/.exec(rest))) return this.contents(req, res, data, r[1]!);
    if ((r = /^compare\/(.+?)\.\.\.(.+)$/.exec(rest))) return this.compare(res, data, r[1]!, r[2]!);
    if (rest === 'releases/latest') {
      if (!data.releases_guess) return this.notFound(res);
      return this.json(res, 200, {
        tag_name: data.releases_guess,
        name: data.releases_guess,
        draft: false,
        prerelease: false,
      });
    }
    if (rest === 'tags') {
      const all = data.tags.map((t) => ({ name: t.name, commit: { sha: t.commit } }));
      return this.paginate(req, res, all);
    }
    if (rest === 'branches') {
      const all = data.branches.map((b) => ({
        name: b.name,
        commit: { sha: b.commit },
        protected: false,
      }));
      return this.paginate(req, res, all);
    }
    return this.notFound(res);
  }

  private gitRef(res: ServerResponse, data: RepoData, ns: 'tags' | 'heads', name: string): void {
    if (ns === 'tags') {
      const t = data.tags.find((x) => x.name === name);
      if (!t) return this.notFound(res);
      return this.json(
        res,
        200,
        refJson(data, 'tags', t.name, t.tag_object ?? t.commit, t.tag_object ? 'tag' : 'commit'),
      );
    }
    const b = data.branches.find((x) => x.name === name);
    if (!b) return this.notFound(res);
    return this.json(res, 200, refJson(data, 'heads', b.name, b.commit, 'commit'));
  }

  private commit(req: RecordedRequest, res: ServerResponse, data: RepoData, ref: string): void {
    const sha = resolveCommit(data, ref);
    if (!sha) {
      return this.json(res, 422, {
        message: `No commit found for SHA: ${ref}`,
        documentation_url: `${DOCS}/commits/commits#get-a-commit`,
        status: '422',
      });
    }
    if (req.accept.includes('.sha')) {
      res.writeHead(200, {
        'content-type': 'application/vnd.github.sha; charset=utf-8',
        ...this.rateHeaders(),
      });
      res.end(sha);
      return;
    }
    const date = data.commit_dates[sha] ?? '2020-01-01T00:00:00Z';
    return this.json(res, 200, {
      sha,
      commit: { committer: { date }, author: { date }, message: '' },
      parents: [],
    });
  }

  private contents(req: RecordedRequest, res: ServerResponse, data: RepoData, path: string): void {
    const ref = req.query.ref ?? data.default_branch;
    const sha = resolveCommit(data, ref);
    if (!sha) {
      return this.json(res, 404, {
        message: `No commit found for the ref ${ref}`,
        documentation_url: `${DOCS}/repos/contents`,
        status: '404',
      });
    }
    const text = data.action_files[sha]?.[path];
    if (text === undefined) return this.notFound(res);
    const b64 = Buffer.from(text, 'utf8').toString('base64');
    return this.json(res, 200, {
      type: 'file',
      encoding: 'base64',
      name: path.split('/').pop(),
      path,
      size: Buffer.byteLength(text),
      sha: data.action_file_blob_shas[sha]?.[path] ?? fakeBlobSha(text),
      // GitHub wraps base64 content at 60 characters.
      content: (b64.match(/.{1,60}/g) ?? []).join('\n') + '\n',
    });
  }

  private compare(res: ServerResponse, data: RepoData, base: string, head: string): void {
    const baseSha = resolveCommit(data, base);
    const headSha = resolveCommit(data, head);
    if (!baseSha || !headSha) return this.notFound(res);
    const rec =
      data.compare.find((c) => c.base === base && c.head === head) ??
      data.compare.find(
        (c) => resolveCommit(data, c.base) === baseSha && resolveCommit(data, c.head) === headSha,
      );
    const body = (status: string, ahead: number, behind: number, mergeBase: string) => ({
      status,
      ahead_by: ahead,
      behind_by: behind,
      total_commits: ahead,
      merge_base_commit: { sha: mergeBase },
      base_commit: { sha: baseSha },
      commits: [],
      files: [],
    });
    if (rec) {
      return this.json(
        res,
        200,
        body(rec.status, rec.ahead_by, rec.behind_by, rec.merge_base_commit),
      );
    }
    if (baseSha === headSha) return this.json(res, 200, body('identical', 0, 0, baseSha));
    // Nothing reaches a fork-only commit, so it is always ahead of any base of this repository.
    if (data.fork_only_commits.includes(headSha)) {
      return this.json(res, 200, body('diverged', 1, 1, data.default_branch_commit));
    }
    // The recording cannot tell how two other commits relate: say so instead of guessing.
    return this.json(res, 404, {
      message: `fake-github: ${base}...${head} is not in the recorded data`,
      documentation_url: DOCS,
      status: '404',
    });
  }

  private paginate(req: RecordedRequest, res: ServerResponse, all: unknown[]): void {
    const perPage = Math.min(100, Math.max(1, Number(req.query.per_page ?? 30) || 30));
    const page = Math.max(1, Number(req.query.page ?? 1) || 1);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const links: string[] = [];
    const link = (p: number, rel: string) =>
      `<${this.url}${encodeURI(req.path)}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    this.json(
      res,
      200,
      all.slice((page - 1) * perPage, page * perPage),
      links.length ? { link: links.join(', ') } : {},
    );
  }
}

function refJson(
  data: RepoData,
  ns: 'tags' | 'heads',
  name: string,
  sha: string,
  type: 'tag' | 'commit',
) {
  return {
    ref: `refs/${ns}/${name}`,
    node_id: 'fake',
    url: `https://api.github.com/repos/${data.owner}/${data.repo}/git/refs/${ns}/${name}`,
    object: { type, sha, url: '' },
  };
}

/** The action.yml text without the block of one input (`inputs:` at column 0, inputs at 2). */
export function removeInput(text: string, input: string): string {
  const lines = text.split(/(?<=\n)/);
  const start = lines.findIndex((l, i) => {
    if (l.replace(/\r?\n$/, '') !== `  ${input}:`) return false;
    // Only inside the top-level `inputs:` mapping.
    for (let j = i - 1; j >= 0; j--) if (/^\S/.test(lines[j]!)) return /^inputs:/.test(lines[j]!);
    return false;
  });
  if (start < 0) return text;
  let end = start + 1;
  while (end < lines.length && !/^ {0,2}\S/.test(lines[end]!)) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join('');
}

/** git's blob id: sha1 of `blob <size>\0<content>`. */
function fakeBlobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest('hex');
}

export { knownCommits };
