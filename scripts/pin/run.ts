import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFilesAtomically } from '../core/atomic-write.ts';
import type { CommandIO } from '../core/command.ts';
import { renderDiagnostics, summarize, UserError, type Diagnostic } from '../core/diagnostics.ts';
import { LOCK_PATH, LockError, readLock, serializeLock, type Lock } from '../lock/lock.ts';
import { metadataFetcher } from '../bindings/fetch.ts';
import { BINDINGS_DIR, planBindings, staleBindings } from '../bindings/plan.ts';
import { bindingFromMetadata } from '../bindings/to-binding.ts';
import type { ActionBinding } from '../dsl/action.ts';
import { checkPins, type YamlFile } from './check.ts';
import { compilerHooks, type CompilerHooks, type GenerateResult } from './compiler.ts';
import {
  apiUrlFrom,
  createGitHubClient,
  redact,
  tokenFrom,
  type GitHubApi,
  type GitHubClientOptions,
} from './github.ts';
import { absorbYamlFiles, pinYamlFiles, unpinYamlFiles, type LineChange } from './handwritten.ts';
import { findOutdated } from './outdated.ts';
import { createProgress } from './progress.ts';
import { RepoFacts } from './reachability.ts';
import { resolveRefs } from './resolve.ts';
import type { UsedRef } from './types.ts';
import { verifyLock } from './verify.ts';
import { findFiles } from './yaml-files.ts';

export interface PinDeps extends CompilerHooks {
  /** Overrides for the GitHub client (tests shrink waits). */
  client?: Partial<GitHubClientOptions>;
}

export const HELP = `Usage: pnpm pin [options] [FILE_OR_DIR...]

Resolves every action of workflows-src/ to a commit SHA in ${LOCK_PATH}, then regenerates
.github/. Only refs missing from the lock are looked up; entries no source uses are dropped.

Modes:
  (none)             resolve missing refs, drop unused ones, regenerate
  --update           re-resolve every tag and branch constraint (like \`ratchet update\`)
  --outdated         list constraints with a newer release of the same precision
                     (v4 -> v5, v4.1 -> v4.2), with the source line to change
  --check            offline: every used ref is locked and every uses: under .github/ is
                     pinned or marked ratchet:exclude; exit 1 otherwise
  --verify           online: re-resolve every lock entry, report moved tags/branches (drift)
                     and SHAs no longer reachable from a tag or branch
  FILE_OR_DIR...     pin hand-written workflow/action.yml files in place, ratchet-style
                     (with --update: also move already pinned lines)
  --unpin FILE...    restore the ratchet: constraints of hand-written files (offline)
  --absorb FILE...   take SHAs pinned in YAML (old ratchet pins, a bot's bump) into the lock,
                     after proving each reachable from a tag or branch; then regenerate

Options:
  --json             machine-readable result on stdout
  --api-url URL      GitHub API base (default: $GITHUB_API_URL, else https://api.github.com)
  --concurrency N    requests in flight (default 32)
  --timeout MS       per-request timeout (default 30000)
  --retries N        retries after 5xx, timeouts and rate limits (default 3)
  --no-gen           do not regenerate .github/ after changing the lock

Environment:
  GITHUB_TOKEN or ACTIONS_TOKEN   API token (never printed); raises the rate limit
  GITHUB_API_URL                  API base, as set by GitHub Actions (GitHub Enterprise too)

Every failure (network, unknown ref, impostor commit, ...) leaves the lock and the YAML
files exactly as they were. Exit status: 0 ok, 1 errors, 2 bad usage.`;

interface Flags {
  update: boolean;
  outdated: boolean;
  check: boolean;
  verify: boolean;
  unpin: boolean;
  absorb: boolean;
  json: boolean;
  gen: boolean;
  apiUrl?: string;
  concurrency?: number;
  timeout?: number;
  retries?: number;
  paths: string[];
}

function parseFlags(argv: string[]): Flags {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        update: { type: 'boolean' },
        outdated: { type: 'boolean' },
        check: { type: 'boolean' },
        verify: { type: 'boolean' },
        unpin: { type: 'boolean' },
        absorb: { type: 'boolean' },
        json: { type: 'boolean' },
        'no-gen': { type: 'boolean' },
        'api-url': { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const int = (name: string, s: string | undefined, min: number) => {
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isInteger(n) || n < min)
      throw new UsageError(`--${name} needs an integer >= ${min}, got "${s}"`);
    return n;
  };
  const flags: Flags = {
    update: !!v.update,
    outdated: !!v.outdated,
    check: !!v.check,
    verify: !!v.verify,
    unpin: !!v.unpin,
    absorb: !!v.absorb,
    json: !!v.json,
    gen: !v['no-gen'],
    ...(v['api-url'] ? { apiUrl: v['api-url'] } : {}),
    concurrency: int('concurrency', v.concurrency, 1),
    timeout: int('timeout', v.timeout, 1),
    retries: int('retries', v.retries, 0),
    paths: parsed.positionals,
  };
  const modes = (['outdated', 'check', 'verify', 'unpin', 'absorb'] as const).filter(
    (m) => flags[m],
  );
  if (modes.length > 1) throw new UsageError(`--${modes[0]} and --${modes[1]} cannot be combined`);
  if (flags.update && modes.length)
    throw new UsageError(`--update and --${modes[0]} cannot be combined`);
  if ((flags.unpin || flags.absorb) && !flags.paths.length)
    throw new UsageError(`--${flags.unpin ? 'unpin' : 'absorb'} needs at least one FILE`);
  if ((flags.outdated || flags.check || flags.verify) && flags.paths.length)
    throw new UsageError(`--${modes[0]} works on workflows-src/ and the lock; it takes no FILE`);
  return flags;
}

class UsageError extends Error {}

/** `pnpm pin`: parses the arguments, runs one mode, prints, returns the exit code. */
export async function runPin(
  argv: string[],
  rawIO: CommandIO,
  deps: PinDeps = compilerHooks,
): Promise<number> {
  const token = tokenFrom(rawIO.env);
  // Defence in depth: whatever is printed passes through redaction of the token.
  const io: CommandIO = {
    ...rawIO,
    stdout: (t) => rawIO.stdout(redact(t, token)),
    stderr: (t) => rawIO.stderr(redact(t, token)),
  };
  let flags: Flags;
  try {
    flags = parseFlags(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`error: ${e.message}\n\nRun \`pnpm pin --help\` for usage.`);
    return 2;
  }
  try {
    return await new PinRun(flags, io, deps, token).run();
  } catch (e) {
    if (e instanceof UserError) {
      throw new UserError(
        redact(e.message, token),
        e.diagnostics.map((d) => ({ ...d, message: redact(d.message, token) })),
      );
    }
    // A corrupt lock is the user's to fix (restore it from git), not an internal error.
    if (e instanceof LockError)
      throw new UserError(redact(e.message.split(`${rawIO.cwd}${sep}`).join(''), token));
    const err = e as Error;
    const safe = new Error(redact(err.message, token));
    safe.stack = redact(err.stack ?? '', token);
    throw safe;
  }
}

class PinRun {
  private apiClient: GitHubApi | undefined;
  private readonly progress;

  constructor(
    private readonly flags: Flags,
    private readonly io: CommandIO,
    private readonly deps: PinDeps,
    private readonly token: string | undefined,
  ) {
    this.progress = createProgress(io.isTTY && !flags.json && Boolean(process.stderr.isTTY));
  }

  private get api(): GitHubApi {
    return (this.apiClient ??= createGitHubClient({
      apiUrl: apiUrlFrom(this.flags.apiUrl, this.io.env),
      ...(this.token ? { token: this.token } : {}),
      ...(this.flags.concurrency ? { concurrency: this.flags.concurrency } : {}),
      ...(this.flags.timeout ? { timeoutMs: this.flags.timeout } : {}),
      ...(this.flags.retries !== undefined ? { retries: this.flags.retries } : {}),
      ...(this.io.debug ? { log: (l: string) => this.io.stderr(`debug: ${l}`) } : {}),
      ...this.deps.client,
    }));
  }

  /** Lock keys whose binding module the last commit wrote, for the summary. */
  private bindingsWritten: string[] = [];
  private bindingsDeleted: string[] = [];

  private get requests(): number {
    return this.apiClient?.requestCount ?? 0;
  }

  private lockPath(): string {
    return join(this.io.cwd, LOCK_PATH);
  }

  async run(): Promise<number> {
    const f = this.flags;
    if (f.check) return this.check();
    if (f.verify) return this.verify();
    if (f.outdated) return this.outdated();
    if (f.unpin) return this.unpin();
    if (f.absorb) return this.absorb();
    if (f.paths.length) return this.pinFiles();
    return this.pinSources();
  }

  private usedRefs(): Promise<UsedRef[]> {
    return this.deps.collectUsedRefs(this.io.cwd);
  }

  // ---- modes ------------------------------------------------------------------------------

  private async pinSources(): Promise<number> {
    const refs = await this.usedRefs();
    const lock = await readLock(this.lockPath());
    const {
      ok,
      lock: next,
      report,
    } = await resolveRefs(refs, lock, this.api, {
      update: this.flags.update,
      onProgress: (d, t, n) => this.progress.update(d, t, `resolving ${n}`),
    });
    this.progress.done();
    const regenerated = ok ? await this.commit(next) : undefined;
    return this.finish(ok && (regenerated?.ok ?? true), {
      added: report.added,
      updated: report.updated,
      unchanged: report.unchanged,
      removed: report.removed,
      diagnostics: [...report.diagnostics, ...(regenerated?.diagnostics ?? [])],
      ...(regenerated ? { regenerated: regenerated.changed, genFailed: !regenerated.ok } : {}),
    });
  }

  private async pinFiles(): Promise<number> {
    const files = await this.readYaml(this.flags.paths);
    const res = await pinYamlFiles(files, new RepoFacts(this.api), {
      update: this.flags.update,
      onProgress: (d, t, n) => this.progress.update(d, t, `resolving ${n}`),
    });
    this.progress.done();
    if (res.ok && res.writes.length) await writeFilesAtomically(res.writes);
    return this.finishLines(res.ok, res.changed, res.unchanged, res.diagnostics);
  }

  private async unpin(): Promise<number> {
    const res = unpinYamlFiles(await this.readYaml(this.flags.paths));
    if (res.writes.length) await writeFilesAtomically(res.writes);
    return this.finishLines(true, res.changed, res.unchanged, res.diagnostics);
  }

  private async absorb(): Promise<number> {
    const files = await this.readYaml(this.flags.paths);
    const lock = await readLock(this.lockPath());
    const res = await absorbYamlFiles(files, lock, new RepoFacts(this.api));
    const changedLock = res.ok && (res.added.length > 0 || res.updated.length > 0);
    const regenerated = changedLock ? await this.commit(res.lock) : undefined;
    return this.finish(res.ok && (regenerated?.ok ?? true), {
      added: res.added,
      updated: res.updated,
      unchanged: res.unchanged,
      removed: [],
      diagnostics: [...res.diagnostics, ...(regenerated?.diagnostics ?? [])],
      ...(regenerated ? { regenerated: regenerated.changed, genFailed: !regenerated.ok } : {}),
    });
  }

  private async check(): Promise<number> {
    const refs = await this.usedRefs();
    const lock = await readLock(this.lockPath());
    const github = join(this.io.cwd, '.github');
    const exists = await stat(github).then(
      (s) => s.isDirectory(),
      () => false,
    );
    const yaml = exists ? await this.readYaml([github]) : [];
    const diagnostics = checkPins(refs, lock, yaml);
    const stale = await staleBindings(lock, join(this.io.cwd, BINDINGS_DIR));
    for (const key of stale) {
      diagnostics.push({
        severity: 'error',
        file: `${BINDINGS_DIR}/`,
        message: `the typed binding of ${key} is missing or was generated from another commit than the lock's: run \`pnpm pin\``,
        rule: 'bindings',
      });
    }
    const untyped = refs.filter((r) => r.untyped);
    const ok = !diagnostics.some((d) => d.severity === 'error');
    if (this.flags.json) {
      this.io.stdout(
        JSON.stringify(
          { ok, refs: refs.length, files: yaml.length, untyped: untyped.length, diagnostics },
          null,
          2,
        ),
      );
    } else {
      this.printDiagnostics(diagnostics);
      this.io.stdout(
        `pin --check: ${refs.length} uses in sources (${untyped.length} untyped), ${Object.keys(lock.actions).length} lock entries, ${yaml.length} YAML files: ${ok ? 'ok' : 'FAILED'} (${summarize(diagnostics)})`,
      );
    }
    return ok ? 0 : 1;
  }

  private async verify(): Promise<number> {
    const lock = await readLock(this.lockPath());
    const report = await verifyLock(lock, new RepoFacts(this.api), (d, t, n) =>
      this.progress.update(d, t, `verifying ${n}`),
    );
    this.progress.done();
    const ok = !report.diagnostics.some((d) => d.severity === 'error');
    if (this.flags.json) {
      this.io.stdout(JSON.stringify({ ok, ...report, requests: this.requests }, null, 2));
    } else {
      this.printDiagnostics(report.diagnostics);
      for (const d of report.drift)
        this.io.stdout(
          `drift  ${d.key}: locked ${short(d.locked)}, the ${d.kind} now points to ${short(d.current)}`,
        );
      this.io.stdout(
        `pin --verify: ${report.checked} entries, ${report.drift.length} drifted, ${report.diagnostics.length} unreachable or unresolvable (${this.requests} requests)` +
          (report.drift.length
            ? '; `pnpm pin --update` moves the lock to the current commits'
            : ''),
      );
    }
    return ok ? 0 : 1;
  }

  private async outdated(): Promise<number> {
    const refs = await this.usedRefs();
    const lock = await readLock(this.lockPath());
    const report = await findOutdated(refs, lock, new RepoFacts(this.api));
    const ok = report.diagnostics.length === 0;
    if (this.flags.json) {
      this.io.stdout(JSON.stringify({ ok, ...report, requests: this.requests }, null, 2));
    } else {
      this.printDiagnostics(report.diagnostics);
      for (const o of report.outdated) {
        const to = o.sameMajor ? `${o.sameMajor} (same major) or ${o.latest}` : o.latest;
        for (const u of o.uses)
          this.io.stdout(
            `${u.file}${u.line ? `:${u.line}` : ''}: ${o.action}@${o.current} -> ${to}`,
          );
      }
      this.io.stdout(
        `pin --outdated: ${report.outdated.length} constraint(s) with a newer release`,
      );
    }
    return ok ? 0 : 1;
  }

  // ---- helpers ----------------------------------------------------------------------------

  private async readYaml(paths: string[]): Promise<(YamlFile & { path: string })[]> {
    const found = await findFiles(paths.map((p) => resolve(this.io.cwd, p)));
    return Promise.all(
      found.map(async (path) => ({
        path,
        file: relative(this.io.cwd, path),
        text: await readFile(path, 'utf8'),
      })),
    );
  }

  /**
   * Writes the new lock, the typed bindings it needs and the regenerated workflows in one
   * all-or-nothing write. The workflows are compiled against the new lock and the new bindings
   * before anything is written, so a pin update that removes an input a step uses is refused
   * with the workflow and step named, and every file stays as it was.
   */
  private async commit(next: Lock): Promise<GenerateResult | undefined> {
    const fetchMetadata = metadataFetcher(this.api);
    const overrides = new Map<string, ActionBinding<object, string>>();
    const plan = await planBindings(
      next,
      join(this.io.cwd, BINDINGS_DIR),
      async (key, ref, sha) => {
        const meta = await fetchMetadata(key, ref, sha);
        if (meta) overrides.set(key, bindingFromMetadata(key, sha, meta));
        return meta;
      },
    );
    this.bindingsWritten = plan.written;
    this.bindingsDeleted = plan.deleted;
    const text = serializeLock(next);
    const lockChanged = (await readFile(this.lockPath(), 'utf8').catch(() => '')) !== text;
    const extra = [
      ...(lockChanged ? [{ path: this.lockPath(), content: text }] : []),
      ...plan.changes,
    ];
    if (!this.flags.gen) {
      if (extra.length) await writeFilesAtomically(extra);
      return undefined;
    }
    return this.deps.generate({
      cwd: this.io.cwd,
      lock: next,
      extraChanges: extra,
      bindingOverrides: overrides,
    });
  }

  private printDiagnostics(diags: readonly Diagnostic[]): void {
    if (diags.length)
      this.io.stderr(renderDiagnostics(diags, { color: this.io.isTTY, env: this.io.env }));
  }

  private finish(
    ok: boolean,
    r: {
      added: string[];
      updated: { key: string; from: string; to: string }[];
      unchanged: string[];
      removed: string[];
      diagnostics: Diagnostic[];
      regenerated?: string[];
      /** The workflows did not compile against the new lock: nothing was written. */
      genFailed?: boolean;
    },
  ): number {
    if (this.flags.json) {
      this.io.stdout(JSON.stringify({ ok, ...r, requests: this.requests }, null, 2));
      return ok ? 0 : 1;
    }
    this.printDiagnostics(r.diagnostics);
    for (const k of r.added) this.io.stdout(`+ ${k}`);
    for (const u of r.updated) this.io.stdout(`~ ${u.key}: ${short(u.from)} -> ${short(u.to)}`);
    for (const k of r.removed) this.io.stdout(`- ${k}`);
    if (r.regenerated?.length) this.io.stdout(`regenerated ${r.regenerated.join(', ')}`);
    if (ok && this.bindingsWritten.length)
      this.io.stdout(`typed bindings written for ${this.bindingsWritten.join(', ')}`);
    if (ok && this.bindingsDeleted.length)
      this.io.stdout(`typed bindings deleted: ${this.bindingsDeleted.join(', ')}`);
    const counts = `${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged, ${r.removed.length} removed`;
    this.io.stdout(
      ok
        ? `pin: ${counts} (${this.requests} requests)`
        : r.genFailed
          ? `pin: FAILED: with the new pins the workflows do not compile (${summarize(r.diagnostics)}); ${LOCK_PATH}, the bindings and .github/ were not changed`
          : `pin: FAILED (${summarize(r.diagnostics)}); ${LOCK_PATH} and .github/ were not changed`,
    );
    return ok ? 0 : 1;
  }

  private finishLines(
    ok: boolean,
    changed: LineChange[],
    unchanged: number,
    diagnostics: Diagnostic[],
  ): number {
    if (this.flags.json) {
      this.io.stdout(
        JSON.stringify({ ok, changed, unchanged, diagnostics, requests: this.requests }, null, 2),
      );
      return ok ? 0 : 1;
    }
    this.printDiagnostics(diagnostics);
    for (const c of changed) this.io.stdout(`${c.file}:${c.line}: ${c.after}`);
    this.io.stdout(
      ok
        ? `pin: ${changed.length} line(s) changed, ${unchanged} unchanged (${this.requests} requests)`
        : `pin: FAILED (${summarize(diagnostics)}); no file was changed`,
    );
    return ok ? 0 : 1;
  }
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
