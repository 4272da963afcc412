/**
 * Context values by name. Secret names are a closed list: they are part of the repository's
 * public interface (its configured secrets), so a misspelled one is a type error.
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
