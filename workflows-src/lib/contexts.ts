/**
 * Context values by name, typed as plain `Expr` (the DSL's `secrets.X` records are index
 * signatures, so under `noUncheckedIndexedAccess` they read as `Expr | undefined`). Secret names
 * are a closed list: they are part of the repository's public interface (its configured secrets).
 */
import { ctx, type Expr } from '#ci';

export type SecretName =
  | 'GITHUB_TOKEN'
  | 'OPENLLM_PAT'
  | 'AWS_ACCESS_KEY_ID'
  | 'AWS_SECRET_ACCESS_KEY'
  | 'AWS_PROD_ACCESS_KEY_ID'
  | 'AWS_PROD_SECRET_ACCESS_KEY'
  | 'UI_GITHUB_TOKEN'
  | 'GPG_PRIVATE_KEY'
  | 'GPG_PASSPHRASE'
  | 'HOMEBREW_GITHUB_TOKEN';

/** `secrets.<name>` */
export const secret = (name: SecretName): Expr => ctx('secrets', name);
/** `env.<name>` */
export const envVar = (name: string): Expr => ctx('env', name);
