import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../scripts/core/diagnostics.ts';
import { pinText, unpinText, type ResolveSha } from '../../scripts/pin/yaml-rewrite.ts';
import { recordedResolver, recordedSha } from './recorded.ts';

const read = (name: string) => readFileSync(new URL(`./cases/${name}`, import.meta.url), 'utf8');

const CHECKOUT_V4 = recordedSha('actions/checkout', 'v4')!;
const CHECKOUT_V3 = recordedSha('actions/checkout', 'v3')!;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('pinText', () => {
  it('pins a plain step the ratchet way', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n';
    const { text: out, changes } = pinText(text, recordedResolver());
    expect(out).toBe(
      `jobs:\n  a:\n    steps:\n      - uses: actions/checkout@${CHECKOUT_V4} # ratchet:actions/checkout@v4\n`,
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      value: `actions/checkout@${CHECKOUT_V4}`,
      ratchetConstraint: 'actions/checkout@v4',
      before: '      - uses: actions/checkout@v4',
      after: `      - uses: actions/checkout@${CHECKOUT_V4} # ratchet:actions/checkout@v4`,
      site: { line: 4, col: 15, path: 'jobs.a.steps[0].uses' },
    });
  });

  it('round-trips: unpinning a freshly pinned file gives back the original bytes', () => {
    for (const name of [
      'steps.yml',
      'quoting.yml',
      'anchors.yml',
      'composite/action.yml',
      'crlf-no-final-newline.yml',
    ]) {
      const original = read(name);
      const pinned = pinText(original, recordedResolver());
      expect(pinned.changes.length, name).toBeGreaterThan(0);
      expect(unpinText(pinned.text).text, name).toBe(original);
    }
  });

  it('keeps CRLF line breaks and a missing final newline', () => {
    const text =
      'jobs:\r\n  a:\r\n    steps:\r\n      - uses: actions/checkout@v4 # co\r\n      - uses: actions/checkout@v3';
    const out = pinText(text, recordedResolver()).text;
    expect(out).toBe(
      'jobs:\r\n  a:\r\n    steps:\r\n' +
        `      - uses: actions/checkout@${CHECKOUT_V4} # co ratchet:actions/checkout@v4\r\n` +
        `      - uses: actions/checkout@${CHECKOUT_V3} # ratchet:actions/checkout@v3`,
    );
  });

  it('re-pins a ratchet-pinned SHA from its comment (how --update works on hand-written files)', () => {
    const resolve = recordedResolver();
    const text = read('ratchet-2023.yml');
    const { text: out, changes } = pinText(text, resolve);
    // Asked for the constraints of the comments, never for the pinned SHAs.
    expect(resolve.asked).toContain('actions/checkout@v3');
    expect(resolve.asked).toContain('github/codeql-action/upload-sarif@v2');
    expect(resolve.asked.some((r) => /@[0-9a-f]{40}$/.test(r))).toBe(false);
    const checkout = changes.find((c) => c.site.raw.startsWith('actions/checkout@'))!;
    expect(checkout.before).toBe(
      '      - uses: actions/checkout@c85c95e3d7251135ab7dc9ce3241c5835cc595a9 # ratchet:actions/checkout@v3',
    );
    expect(checkout.after).toBe(
      `      - uses: actions/checkout@${CHECKOUT_V3} # ratchet:actions/checkout@v3`,
    );
    // Pins that already equal today's commit are not changes.
    const sameToday = ['actions/download-artifact', 'docker/metadata-action'];
    for (const name of sameToday) {
      expect(changes.some((c) => c.site.raw.startsWith(`${name}@`))).toBe(false);
      expect(out).toContain(`uses: ${name}@`);
    }
  });

  it('does not call resolve for skipped sites or bare SHAs', () => {
    const resolve = recordedResolver();
    const { text: out, changes } = pinText(read('comments.yml'), resolve);
    expect(resolve.asked).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'actions/setup-python@v5',
      'actions/upload-artifact@v4',
      'actions/download-artifact@v4',
    ]);
    expect(changes).toHaveLength(5);
    expect(out).toContain('      - uses: docker/login-action@v2 # ratchet:exclude\n');
    expect(out).toContain(
      '      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4\n',
    );
  });

  it('replaces an existing ratchet token instead of adding a second one', () => {
    const text =
      'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4 # note ratchet:actions/checkout@v2 end\n';
    const out = pinText(text, recordedResolver()).text;
    expect(out).toContain(`@${CHECKOUT_V4} # note ratchet:actions/checkout@v4 end\n`);
    expect(out.match(/ratchet:/g)).toHaveLength(1);
  });

  it('leaves a site as it is when resolve returns undefined', () => {
    const text =
      'jobs:\n  a:\n    steps:\n      - uses: unknown/action@v1\n      - uses: actions/checkout@v4\n';
    const { text: out, changes } = pinText(text, recordedResolver());
    expect(out).toContain('      - uses: unknown/action@v1\n');
    expect(changes.map((c) => c.site.raw)).toEqual(['actions/checkout@v4']);
  });

  it('returns the very same text when nothing changes', () => {
    const text = 'on: push\njobs:\n  a:\n    steps:\n      - run: echo hi\n';
    const result = pinText(text, () => {
      throw new Error('resolve must not be called');
    });
    expect(result).toEqual({ text, changes: [] });
  });

  it('refuses a resolve result that is not a full SHA', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n';
    expect(() => pinText(text, () => 'c85c95e')).toThrow(/expected a 40-hex commit SHA/);
    expect(() => pinText(text, () => CHECKOUT_V4.toUpperCase())).toThrow(/40-hex/);
  });

  it('refuses two uses: on one line, naming the position', () => {
    const text =
      'jobs:\n  a:\n    steps: [{uses: actions/checkout@v4}, {uses: actions/cache@v4}]\n';
    const e = thrown(() => pinText(text, recordedResolver(), { file: 'w.yml' }));
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).diagnostics[0]).toMatchObject({
      file: 'w.yml',
      line: 3,
      col: 20,
      path: 'jobs.a.steps[0].uses',
      rule: 'yaml-layout',
    });
  });

  it('refuses an edit that would change other content, instead of corrupting the file', () => {
    // The value's line ends inside a multi-line string: a comment there would become text.
    const text = [
      'jobs:',
      '  a:',
      '    steps:',
      '      - {uses: actions/checkout@v4, with: {script: "echo one',
      '          two"}}',
      '',
    ].join('\n');
    const e = thrown(() => pinText(text, recordedResolver(), { file: 'w.yml' }));
    expect(e).toBeInstanceOf(UserError);
    const d = (e as UserError).diagnostics[0]!;
    expect(d).toMatchObject({ file: 'w.yml', line: 4, col: 16, rule: 'yaml-layout' });
    expect(d.message).toContain('nothing was written');
  });

  it('puts the comment after a flow map that closes on the value line', () => {
    const text =
      'jobs:\n  a:\n    steps:\n      - {uses: actions/checkout@v4, with: {fetch-depth: 0}}  \n';
    const out = pinText(text, recordedResolver()).text;
    expect(out).toBe(
      `jobs:\n  a:\n    steps:\n      - {uses: actions/checkout@${CHECKOUT_V4}, with: {fetch-depth: 0}} # ratchet:actions/checkout@v4  \n`,
    );
  });

  it('an empty comment takes the token (and loses its lone # when unpinned)', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4 #\n';
    const pinned = pinText(text, recordedResolver()).text;
    expect(pinned).toContain(`@${CHECKOUT_V4} # ratchet:actions/checkout@v4\n`);
    expect(unpinText(pinned).text).toBe(
      'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n',
    );
  });

  it('passes the site to resolve with what to resolve in `wanted`', () => {
    const seen: Parameters<ResolveSha>[0][] = [];
    pinText('jobs:\n  r:\n    uses: o/r/.github/workflows/w.yml@v1\n', (site) => {
      seen.push(site);
      return undefined;
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.wanted).toEqual({
      owner: 'o',
      repo: 'r',
      path: '.github/workflows/w.yml',
      constraint: 'v1',
    });
    expect(seen[0]!.path).toBe('jobs.r.uses');
  });
});

describe('unpinText', () => {
  it('restores the constraint and removes the token, keeping other comment text', () => {
    const text = [
      'jobs:',
      '  a:',
      '    steps:',
      `      - uses: actions/checkout@${CHECKOUT_V3} # ratchet:actions/checkout@v3`,
      `      - uses: 'actions/checkout@${CHECKOUT_V4}' # keep this ratchet:actions/checkout@v4`,
      `      - uses: actions/checkout@${CHECKOUT_V4} # ratchet:actions/checkout@v4 after`,
      '',
    ].join('\n');
    const { text: out, changes } = unpinText(text);
    expect(out).toBe(
      [
        'jobs:',
        '  a:',
        '    steps:',
        '      - uses: actions/checkout@v3',
        "      - uses: 'actions/checkout@v4' # keep this",
        '      - uses: actions/checkout@v4 # after',
        '',
      ].join('\n'),
    );
    expect(changes.map((c) => c.value)).toEqual([
      'actions/checkout@v3',
      'actions/checkout@v4',
      'actions/checkout@v4',
    ]);
    expect(changes.every((c) => c.ratchetConstraint === undefined)).toBe(true);
  });

  it('leaves excluded, mismatched and bare-SHA sites alone', () => {
    const text = read('comments.yml');
    const { text: out } = unpinText(text);
    const lines = out.split('\n');
    expect(lines[11]).toBe('      - uses: docker/login-action@v2 # ratchet:exclude');
    expect(lines[13]).toBe(
      '      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4',
    );
    expect(lines[14]).toBe(
      '      - uses: actions/checkout@c85c95e3d7251135ab7dc9ce3241c5835cc595a9 # ratchet:actions/setup-node@v3',
    );
  });

  it('throws YAML errors with the file name', () => {
    expect(() => unpinText('jobs: [\n', { file: 'bad.yml' })).toThrow(
      /^bad\.yml:\d+:\d+: invalid YAML/,
    );
  });
});
