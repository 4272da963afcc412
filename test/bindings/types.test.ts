/**
 * Type-level guarantees of generated bindings. `pnpm typecheck` compiles this file: each
 * `@ts-expect-error` fails the type check if the line it guards ever starts compiling. The
 * fixtures are generated from recorded action.yml files (fixtures.test.ts keeps them current).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { Expr, action, github, lit, secrets, toJSON, uses, type InputValue } from '#ci';
import { binding as allsGreen } from './fixtures/re-actors__alls-green@release~v1.ts';
import { binding as setupBuildx } from './fixtures/docker__setup-buildx-action@v3.ts';
import { binding as slug } from './fixtures/rlespinasse__github-slug-action@v3.ts';
import type { Inputs as BuildxInputs } from './fixtures/docker__setup-buildx-action@v3.ts';

const needs = new Expr('needs');

describe('inputs', () => {
  it('accepts strings, numbers, booleans and expressions', () => {
    const step = uses({
      uses: setupBuildx,
      with: {
        version: 'latest',
        'keep-state': false,
        'driver-opts': lit('image=moby/buildkit:master'),
        endpoint: github.ref,
        name: 42,
      },
    });
    expect(step.spec.with).toEqual({
      version: 'latest',
      'keep-state': false,
      'driver-opts': lit('image=moby/buildkit:master'),
      endpoint: github.ref,
      name: 42,
    });
    expectTypeOf<BuildxInputs['version']>().toEqualTypeOf<InputValue | undefined>();
  });

  it('rejects an input the action does not declare', () => {
    uses({
      uses: setupBuildx,
      // @ts-expect-error setup-buildx-action has `driver-opts`, not `driver_opts`
      with: { driver_opts: 'network=host' },
    });
    uses({
      uses: allsGreen,
      // @ts-expect-error alls-green has `allowed-failures`, not `allowed-failure`
      with: { jobs: toJSON(needs), 'allowed-failure': 'a' },
    });
  });

  it('requires the required inputs, and `with` itself when there are any', () => {
    uses({ uses: allsGreen, with: { jobs: toJSON(needs) } });
    // @ts-expect-error alls-green requires `jobs`, so `with` cannot be left out
    uses({ uses: allsGreen });
    // @ts-expect-error alls-green requires `jobs`
    uses({ uses: allsGreen, with: { 'allowed-skips': 'lint' } });
    // Optional-only actions need no `with`.
    uses({ uses: setupBuildx });
  });

  it('rejects values that are not strings, numbers, booleans or expressions', () => {
    // @ts-expect-error an object is not an input value
    uses({ uses: allsGreen, with: { jobs: { a: 1 } } });
    // @ts-expect-error null is not an input value
    uses({ uses: allsGreen, with: { jobs: null } });
  });

  it('rejects every input of an action that declares none', () => {
    uses({ uses: slug });
    uses({ uses: slug, with: {} });
    // @ts-expect-error github-slug-action@v3 declares no inputs
    uses({ uses: slug, with: { prefix: 'X_' } });
  });

  it('still accepts deprecated inputs (gen warns about them; types cannot)', () => {
    uses({ uses: setupBuildx, with: { install: true } });
    expect(setupBuildx.inputs.install?.deprecationMessage).toMatch(/BUILDX_BUILDER/);
  });
});

describe('outputs', () => {
  it('offers exactly the declared outputs as expressions', () => {
    const green = uses({ id: 'evergreen', uses: allsGreen, with: { jobs: toJSON(needs) } });
    expectTypeOf(green.outputs.success).toEqualTypeOf<Expr>();
    expect(green.outputs.success.source).toBe('steps.evergreen.outputs.success');
    expect(green.outputs.result.source).toBe('steps.evergreen.outputs.result');
    // @ts-expect-error alls-green declares `success`, not `sucess`
    expect(() => green.outputs.sucess).toThrow(/no output "sucess"/);
  });

  it('offers none for an action that declares none', () => {
    const s = uses({ id: 'slug', uses: slug });
    expectTypeOf(s.outputs).toEqualTypeOf<{ readonly [K in never]: Expr }>();
    // @ts-expect-error github-slug-action@v3 declares no outputs
    void s.outputs.GITHUB_REF_SLUG;
  });
});

describe('the generated index', () => {
  it('only offers keys that pnpm pin generated', () => {
    // @ts-expect-error no binding is generated for a constraint nobody pinned
    const missing = action('actions/checkout@v0');
    expect((missing as unknown as { missingBinding?: boolean }).missingBinding).toBe(true);
    void secrets;
  });
});
