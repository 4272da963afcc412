import type { Rule } from '../types.ts';
import dangerousTrigger from './dangerous-trigger.ts';
import excludedUses from './excluded-uses.ts';
import expressionInjection from './expression-injection.ts';
import expressionSyntax from './expression-syntax.ts';
import jobGraph from './job-graph.ts';
import permissions from './permissions.ts';
import retired from './retired.ts';
import secretsToForks from './secrets-to-forks.ts';
import unpinnedUses from './unpinned-uses.ts';
import workflowParser from './workflow-parser.ts';

/** Every rule, in the order they are documented. */
export const RULES: readonly Rule[] = [
  unpinnedUses,
  excludedUses,
  expressionInjection,
  dangerousTrigger,
  permissions,
  secretsToForks,
  retired,
  expressionSyntax,
  jobGraph,
  workflowParser,
];
