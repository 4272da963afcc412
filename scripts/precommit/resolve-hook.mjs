// Module resolution hook for pre-commit's node environment. pre-commit installs the hook's
// additional_dependencies into its own prefix and exposes it through NODE_PATH, which Node's
// ES-module resolver ignores. When a bare specifier is not found the normal way, this retries it
// from each NODE_PATH directory.
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dirs = (process.env.NODE_PATH ?? '').split(delimiter).filter(Boolean);

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (err) {
    const bare = !/^(\.|\/|#|[a-z]+:)/i.test(specifier);
    if (!bare || err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    for (const dir of dirs) {
      try {
        return await nextResolve(specifier, {
          ...context,
          parentURL: pathToFileURL(join(dir, 'noop.js')).href,
        });
      } catch {
        // try the next directory
      }
    }
    throw err;
  }
}
