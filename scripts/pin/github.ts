import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { limiter } from './limit.ts';

/**
 * The narrow slice of GitHub's REST API that pinning needs, behind an interface so the resolver
 * does not care about octokit. Every method throws `GitHubError` for anything but "not found".
 */
export interface GitHubApi {
  /** `git/ref/{tags|heads}/{name}`; undefined when there is no such ref. */
  getRef(
    owner: string,
    repo: string,
    ns: 'tags' | 'heads',
    name: string,
  ): Promise<GitRef | undefined>;
  /** Peels an annotated tag object one level. */
  getTagObject(owner: string, repo: string, sha: string): Promise<GitObject>;
  /** undefined when the repository does not exist (or is private and the token cannot see it). */
  getRepo(owner: string, repo: string): Promise<{ defaultBranch: string } | undefined>;
  /** undefined when GitHub has no commit by that name (404/422). */
  getCommitSha(owner: string, repo: string, ref: string): Promise<string | undefined>;
  /** `compare/{base}...{head}`; undefined when GitHub cannot compare them. */
  compare(owner: string, repo: string, base: string, head: string): Promise<Comparison | undefined>;
  /** Every tag, peeled: `[{name, sha}]` from `GET /repos/{o}/{r}/tags` (all pages). */
  listTags(owner: string, repo: string): Promise<NamedCommit[]>;
  listBranches(owner: string, repo: string): Promise<NamedCommit[]>;
  /** A file's text at a commit, or undefined when the file does not exist there. */
  getFile(owner: string, repo: string, path: string, ref: string): Promise<RepoFile | undefined>;
  /** HTTP requests sent so far (retries included). */
  readonly requestCount: number;
}

export interface GitObject {
  type: 'commit' | 'tag' | 'tree' | 'blob';
  sha: string;
}
export interface GitRef {
  ref: string;
  object: GitObject;
}
export interface Comparison {
  status: 'identical' | 'ahead' | 'behind' | 'diverged';
  aheadBy: number;
  behindBy: number;
}
export interface NamedCommit {
  name: string;
  sha: string;
}
export interface RepoFile {
  text: string;
  blobSha: string;
}

export type GitHubErrorKind =
  'rate-limit' | 'timeout' | 'network' | 'server' | 'malformed' | 'auth';

/** A GitHub failure with a message fit for a user; never contains the token. */
export class GitHubError extends Error {
  readonly kind: GitHubErrorKind;
  constructor(kind: GitHubErrorKind, message: string) {
    super(message);
    this.name = 'GitHubError';
    this.kind = kind;
  }
}

export interface GitHubClientOptions {
  /** API base, e.g. https://api.github.com or http://127.0.0.1:PORT. */
  apiUrl: string;
  token?: string;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Per HTTP attempt, in ms. */
  timeoutMs?: number;
  /** Retries after 5xx, network errors, timeouts and rate limits. */
  retries?: number;
  /**
   * Length of one "second" of waiting, in ms: the unit of retry-after, of the rate-limit reset
   * and of the exponential backoff. 1000 in real use; tests make it tiny.
   */
  secondMs?: number;
  /** A rate-limit reset further away than this (seconds) fails instead of waiting. */
  maxWaitSeconds?: number;
  /** Debug sink for octokit's log; the token is removed from everything passed to it. */
  log?: (line: string) => void;
}

export const DEFAULT_API_URL = 'https://api.github.com';

/** `--api-url`, else GITHUB_API_URL (set by Actions, also for GitHub Enterprise), else github.com. */
export function apiUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return (flag || env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
}

/** GITHUB_TOKEN, else ACTIONS_TOKEN (the variable ratchet reads). */
export function tokenFrom(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_TOKEN || env.ACTIONS_TOKEN || undefined;
}

/** Replaces every occurrence of the secret in text. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join('***');
}

const ThrottledOctokit = Octokit.plugin(retry, throttling);

let clientIds = 0;

/** Stands in for a Bottleneck.Group: schedules every job immediately. */
const passThroughGroup = {
  key: () => ({
    schedule: (_opts: unknown, job: (...a: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve().then(() => job(...args)),
  }),
};

export function createGitHubClient(opts: GitHubClientOptions): GitHubApi {
  const secondMs = opts.secondMs ?? 1000;
  const retries = opts.retries ?? 3;
  const maxWait = opts.maxWaitSeconds ?? 120;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const token = opts.token;
  const log =
    (level: string) =>
    (msg: unknown, ...rest: unknown[]) =>
      opts.log?.(redact(`octokit ${level}: ${String(msg)} ${rest.map(String).join(' ')}`, token));
  // Well under the 100 concurrent requests GitHub allows before secondary rate limits.
  const limit = limiter(opts.concurrency ?? 32);
  let requestCount = 0;
  // Why the last rate-limited request was given up, to replace octokit's bare 403/429 message.
  let lastRefusal: string | undefined;
  // Once the rate limit is known to be exhausted for long, further requests would only collect
  // more 403s (which GitHub counts against an integration): fail them without sending.
  let exhaustedUntil = 0;

  const timedFetch: typeof fetch = async (input, init) => {
    requestCount++;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await fetch(input, { ...init, signal });
    } catch (e) {
      if (timeout.aborted) {
        const err = new Error(`no response within ${timeoutMs} ms`);
        err.name = 'TimeoutError';
        throw err;
      }
      throw e;
    }
  };

  const octokit = new ThrottledOctokit({
    baseUrl: opts.apiUrl,
    ...(token ? { auth: token } : {}),
    userAgent: 'openllm-ci-pin',
    request: { fetch: timedFetch },
    log: { debug: () => {}, info: () => {}, warn: log('warn'), error: log('error') },
    // 429 is left to the throttling plugin, which honours its retry-after.
    retry: {
      retries,
      retryAfterBaseValue: secondMs,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      id: `pin-${++clientIds}`,
      // The plugin's shared limiter allows 10 requests at once for every client in the process;
      // concurrency is bounded by our own `limit` instead, so let requests straight through.
      // (`global` is read by the plugin but missing from its option type.)
      ...({ global: passThroughGroup } as object),
      retryAfterBaseValue: secondMs,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: (after: number, _opts: object, _o: unknown, count: number) =>
        decideWait('rate limit', after, count),
      onSecondaryRateLimit: (after: number, _opts: object, _o: unknown, count: number) =>
        decideWait('secondary rate limit', after, count),
    },
  });

  function decideWait(what: string, after: number, count: number): boolean {
    if (count >= retries) {
      lastRefusal = `still hitting GitHub's ${what} after ${count} retries`;
      return false;
    }
    if (after > maxWait) {
      const at = new Date(Date.now() + after * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      lastRefusal = `GitHub's ${what} is exhausted until ${at} (in ${formatDuration(after)}); not waiting more than ${formatDuration(maxWait)}`;
      exhaustedUntil = Date.now() + after * 1000;
      return false;
    }
    opts.log?.(`${what}: waiting ${after} s before retrying`);
    return true;
  }

  async function call<T>(
    route: string,
    params: Record<string, unknown>,
  ): Promise<{ status: number; data: T } | undefined> {
    return limit(async () => {
      if (Date.now() < exhaustedUntil) throw rateLimitError(route, params);
      try {
        const res = await octokit.request(route, params);
        return { status: res.status, data: res.data as T };
      } catch (e) {
        throw toGitHubError(e, route, params);
      }
    });
  }

  function describe(route: string, params: Record<string, unknown>): string {
    return route.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? k));
  }

  function rateLimitError(
    route: string,
    params: Record<string, unknown>,
    reason = lastRefusal ?? 'rate limited',
  ): GitHubError {
    const advice = token
      ? 'Wait for the reset and run again.'
      : 'Set GITHUB_TOKEN for a higher limit, or wait for the reset.';
    return new GitHubError('rate-limit', `${describe(route, params)}: ${reason}. ${advice}`);
  }

  function toGitHubError(e: unknown, route: string, params: Record<string, unknown>): Error {
    const err = e as {
      status?: number;
      name?: string;
      message?: string;
      cause?: { name?: string; message?: string };
      response?: { headers?: Record<string, string>; data?: unknown };
      request?: object;
    };
    const what = describe(route, params);
    const status = err.status;
    if (status === 404 || status === 422) return new NotFound(what);
    const message = redact(String(err.message ?? e), token);
    if (err.name === 'TimeoutError' || err.cause?.name === 'TimeoutError')
      return new GitHubError('timeout', `${what}: ${redact(err.cause?.message ?? message, token)}`);
    if (status === 403 || status === 429) {
      const headers = err.response?.headers ?? {};
      const reason = lastRefusal;
      if (
        headers['x-ratelimit-remaining'] === '0' ||
        status === 429 ||
        /rate limit/i.test(message)
      ) {
        return rateLimitError(route, params, reason ?? `rate limited (HTTP ${status})`);
      }
      return new GitHubError('auth', `${what}: HTTP ${status}: ${firstLine(message)}`);
    }
    if (status === 401)
      return new GitHubError(
        'auth',
        `${what}: HTTP 401: the token was rejected (check GITHUB_TOKEN)`,
      );
    if (status && status >= 500 && err.response)
      return new GitHubError(
        'server',
        `${what}: HTTP ${status} after ${retries} retries: ${firstLine(message)}`,
      );
    return new GitHubError('network', `${what}: ${firstLine(message)} (API ${opts.apiUrl})`);
  }

  const shape = (what: string, ok: boolean) => {
    if (!ok) throw new GitHubError('malformed', `${what}: GitHub returned a malformed response`);
  };

  return {
    get requestCount() {
      return requestCount;
    },

    async getRef(owner, repo, ns, name) {
      const route = 'GET /repos/{owner}/{repo}/git/ref/{ref}';
      const res = await tolerant(call<GitRef>(route, { owner, repo, ref: `${ns}/${name}` }));
      if (!res) return undefined;
      shape(
        `git/ref/${ns}/${name}`,
        isObj(res.data) && isObj(res.data.object) && isSha(res.data.object.sha),
      );
      return {
        ref: res.data.ref,
        object: { type: res.data.object.type, sha: res.data.object.sha },
      };
    },

    async getTagObject(owner, repo, sha) {
      const res = await tolerant(
        call<{ object: GitObject }>('GET /repos/{owner}/{repo}/git/tags/{tag_sha}', {
          owner,
          repo,
          tag_sha: sha,
        }),
      );
      if (!res)
        throw new GitHubError('malformed', `${owner}/${repo}: tag object ${sha} does not exist`);
      shape(
        `git/tags/${sha}`,
        isObj(res.data) && isObj(res.data.object) && isSha(res.data.object.sha),
      );
      return { type: res.data.object.type, sha: res.data.object.sha };
    },

    async getRepo(owner, repo) {
      const res = await tolerant(
        call<{ default_branch: string }>('GET /repos/{owner}/{repo}', { owner, repo }),
      );
      if (!res) return undefined;
      shape(
        `repos/${owner}/${repo}`,
        isObj(res.data) && typeof res.data.default_branch === 'string',
      );
      return { defaultBranch: res.data.default_branch };
    },

    async getCommitSha(owner, repo, ref) {
      const res = await tolerant(
        call<string>('GET /repos/{owner}/{repo}/commits/{ref}', {
          owner,
          repo,
          ref,
          mediaType: { format: 'sha' },
        }),
      );
      if (!res) return undefined;
      const sha = String(res.data).trim();
      shape(`commits/${ref}`, isSha(sha));
      return sha;
    },

    async compare(owner, repo, base, head) {
      const res = await tolerant(
        call<{ status: Comparison['status']; ahead_by: number; behind_by: number }>(
          'GET /repos/{owner}/{repo}/compare/{basehead}',
          { owner, repo, basehead: `${base}...${head}` },
        ),
      );
      if (!res) return undefined;
      shape(`compare/${base}...${head}`, isObj(res.data) && typeof res.data.status === 'string');
      return { status: res.data.status, aheadBy: res.data.ahead_by, behindBy: res.data.behind_by };
    },

    listTags: (owner, repo) => listAll(`GET /repos/{owner}/{repo}/tags`, owner, repo),
    listBranches: (owner, repo) => listAll(`GET /repos/{owner}/{repo}/branches`, owner, repo),

    async getFile(owner, repo, path, ref) {
      const res = await tolerant(
        call<{ content?: string; encoding?: string; sha?: string }>(
          'GET /repos/{owner}/{repo}/contents/{path}',
          { owner, repo, path, ref },
        ),
      );
      if (!res) return undefined;
      const d = res.data;
      shape(
        `contents/${path}`,
        isObj(d) &&
          typeof d.content === 'string' &&
          d.encoding === 'base64' &&
          typeof d.sha === 'string',
      );
      return { text: Buffer.from(d.content!, 'base64').toString('utf8'), blobSha: d.sha! };
    },
  };

  async function listAll(route: string, owner: string, repo: string): Promise<NamedCommit[]> {
    const out: NamedCommit[] = [];
    for (let page = 1; ; page++) {
      const res = await tolerant(
        call<{ name: string; commit: { sha: string } }[]>(route, {
          owner,
          repo,
          per_page: 100,
          page,
        }),
      );
      if (!res) return out;
      shape(route, Array.isArray(res.data));
      for (const item of res.data) {
        shape(
          route,
          isObj(item) &&
            typeof item.name === 'string' &&
            isObj(item.commit) &&
            isSha(item.commit.sha),
        );
        out.push({ name: item.name, sha: item.commit.sha });
      }
      if (res.data.length < 100) return out;
    }
  }
}

class NotFound extends Error {}

/** Turns "not found" into undefined; everything else stays an error. */
async function tolerant<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof NotFound) return undefined;
    throw e;
  }
}

function isObj(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null;
}
function isSha(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{40}$/.test(v);
}
function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ - https:\/\/docs\.github\.com\S*$/, '');
}
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
