import type { Command } from '../core/command.ts';
import { HELP, runPin } from '../pin/run.ts';

const pin: Command = {
  summary: 'resolve every action to a commit SHA and write generated/actions.lock.json',
  help: HELP,
  run: (argv, io) => runPin(argv, io),
};

export default pin;
