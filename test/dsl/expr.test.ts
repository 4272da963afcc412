import { describe, expect, it } from 'vitest';
import { Expr, always, and, contains, eq, ex, github, lit, named, ne, not, or, secrets } from '#ci';

const a = new Expr('x.a');
const b = new Expr('x.b');

describe('expression precedence', () => {
  it('parenthesises only where an operator needs it (and && inside || for the reader)', () => {
    expect(or(eq(a, 'p'), and(eq(b, 'q'), contains(a, 'z'))).source).toBe(
      "x.a == 'p' || (x.b == 'q' && contains(x.a, 'z'))",
    );
    expect(and(or(a, b), ne(a, 1)).source).toBe('(x.a || x.b) && x.a != 1');
    expect(and(and(a, b), a).source).toBe('x.a && x.b && x.a');
    expect(eq(or(a, b), 'v').source).toBe("(x.a || x.b) == 'v'");
  });

  it('negates atoms directly and anything looser in parentheses', () => {
    expect(not(always()).source).toBe('!always()');
    expect(not(a).source).toBe('!x.a');
    expect(not(eq(a, b)).source).toBe('!(x.a == x.b)');
    expect(not(and(a, b)).source).toBe('!(x.a && x.b)');
  });

  it('guesses the precedence of raw sources, ignoring operators inside quotes and parentheses', () => {
    expect(and(new Expr("x.a == '||'"), b).source).toBe("x.a == '||' && x.b");
    expect(and(new Expr('(x.a || x.b)'), b).source).toBe('(x.a || x.b) && x.b');
    expect(and(new Expr('x.a || x.b'), b).source).toBe('(x.a || x.b) && x.b');
  });

  it('keeps interpolated expressions intact inside ex``, and quotes interpolated strings', () => {
    expect(ex`${or(a, b)} && ${github.event_name} == ${'push'}`.source).toBe(
      "(x.a || x.b) && github.event_name == 'push'",
    );
    expect(lit("it's").source).toBe("'it''s'");
  });
});

describe('context properties', () => {
  it('gives a closed record of names whose misspellings do not compile', () => {
    const m = named('matrix', ['os', 'python-version']);
    expect(m.os.source).toBe('matrix.os');
    expect(m['python-version'].toString()).toBe('${{ matrix.python-version }}');
    // @ts-expect-error "python" is not one of the listed names
    expect(m.python).toBeUndefined();
    expect(secrets('GITHUB_TOKEN').source).toBe('secrets.GITHUB_TOKEN');
  });
});
