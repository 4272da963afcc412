/** The release bot's GPG identity: import the key, then sign commits and tags as that identity. */
import { uses } from '#ci';
import { secret } from './contexts.ts';
import { importGpg } from './actions.ts';

/** Imports the bot's key into git's global config, signing every commit and tag. */
export const importBotGpg = uses({
  id: 'import-gpg',
  name: "Import bot's GPG key for signing commits",
  uses: importGpg,
  with: {
    gpg_private_key: secret('GPG_PRIVATE_KEY'),
    passphrase: secret('GPG_PASSPHRASE'),
    git_config_global: true,
    git_user_signingkey: true,
    git_commit_gpgsign: true,
    git_tag_gpgsign: true,
  },
});

/** Author and committer env for git steps, taken from the imported key's user id. */
export const gpgIdentityEnv = {
  GIT_AUTHOR_NAME: importBotGpg.outputs.name,
  GIT_AUTHOR_EMAIL: importBotGpg.outputs.email,
  GIT_COMMITTER_NAME: importBotGpg.outputs.name,
  GIT_COMMITTER_EMAIL: importBotGpg.outputs.email,
} as const;
