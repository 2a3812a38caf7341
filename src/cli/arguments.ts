// The command line's arguments, read with Node's parseArgs; its errors said in our words, with a
// did-you-mean for a mistyped option, as ESLint and tflint answer.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../engine';
import { UsageError } from './files';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArguments<T extends Options>(args: string[], options: T, { positionals = true } = {}) {
  try {
    // Tokens keep the options' order, which pairs an option with the one before it (`draft --from A --region R`).
    return parseArgs({ args, options, allowPositionals: positionals, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(argumentProblem(error as NodeJS.ErrnoException, options));
  }
}

function argumentProblem(error: NodeJS.ErrnoException, options: Options): string {
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = /Unknown option '([^']+)'/.exec(error.message)?.[1] ?? '';
    const known = Object.entries(options).flatMap(([name, option]) => [`--${name}`, ...(option.short ? [`-${option.short}`] : [])]);
    const written = given.split('=')[0];
    const nearest = didYouMean(written, known);
    return `unknown option ${written}${nearest ? `; did you mean ${nearest}?` : ''}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /--[a-z-]+/.exec(error.message)?.[0];
    if (option && /argument missing/.test(error.message)) return `${option} needs a value`;
    if (option && /ambiguous/.test(error.message)) return `${option} needs a value; write one that starts with a dash as ${option}=VALUE`;
    if (option && /does not take an argument/.test(error.message)) return `${option} takes no value`;
  }
  return error.message;
}
