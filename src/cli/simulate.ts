// `cap-advisor simulate`: what every data type of a catalog does when a Region is cut off or
// lost. Exit codes: 0 no split-brain outcome, 1 one or more, 2 bad usage (an unknown Region
// among them, with the known ones listed) or an unreadable file.
import { readFileSync, writeFileSync } from 'node:fs';
import { allDisruptions, analyzeCatalog, simulate, type Disruption } from '../engine';
import { renderScenariosHtml, renderScenariosJson, renderScenariosMarkdown, renderScenariosText, splitBrains, type SimulatedFile } from '../report/scenarios';
import { catalogFiles, UsageError } from './files';
import { parseCommandArguments } from './arguments';
import type { Console } from './console';

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

export const SIMULATE_USAGE = `Usage: cap-advisor simulate [--isolate REGION | --lose REGION | --all] [options] FILE...

Shows what every data type does when a Region is cut off from the others (--isolate) or lost
(--lose): which Regions still take its writes, whose reads go stale, whether its copies diverge,
and how much data is at risk. Without --isolate or --lose (or with --all) every Region of the
catalog is isolated and lost in turn.

Options:
      --isolate REGION     the Region is alive but cut off from every other Region
      --lose REGION        the Region is down
      --all                every Region isolated, then lost (the default)
  -f, --format FORMAT      text (default), json, markdown or html
  -o, --output FILE        write to FILE instead of standard output

Exit codes: 0 no split-brain outcome, 1 one or more, 2 bad usage or an unreadable file.
`;

export function runSimulate(args: string[], io: Console): number {
  let files: SimulatedFile[];
  let format: Format;
  let output: string | undefined;
  try {
    const { values, positionals } = parseCommandArguments(args, {
      isolate: { type: 'string', multiple: true, default: [] },
      lose: { type: 'string', multiple: true, default: [] },
      all: { type: 'boolean', default: false },
      format: { type: 'string', short: 'f', default: 'text' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(SIMULATE_USAGE);
      return 0;
    }
    if (!(FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`unknown format ${values.format}; use one of ${FORMATS.join(', ')}`);
    if (positionals.length === 0) throw new UsageError('no file: give the catalog to simulate');
    format = values.format as Format;
    output = values.output;
    const chosen: Disruption[] = [
      ...values.isolate.map((region) => ({ kind: 'isolate' as const, region })),
      ...values.lose.map((region) => ({ kind: 'lose' as const, region })),
    ];
    // A directory stands for the catalogs in it, as for check.
    files = catalogFiles(positionals).map((file) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
      }
      const analysis = analyzeCatalog(text, { fileName: file });
      const known = analysis.report.regions.map((region) => region.name);
      for (const { region } of chosen) {
        if (!known.includes(region)) throw new UsageError(`${file} declares no Region ${region}; its Regions: ${known.join(', ') || 'none'}`);
      }
      return { file, scenarios: simulate(analysis, chosen.length === 0 || values.all ? allDisruptions(analysis) : chosen) };
    });
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`cap-advisor: ${(error as Error).message}\nRun cap-advisor simulate --help for usage.\n`);
      return 2;
    }
    throw error;
  }
  const rendered = { text: renderScenariosText, json: renderScenariosJson, markdown: renderScenariosMarkdown, html: renderScenariosHtml }[format](files);
  if (output) {
    try {
      writeFileSync(output, rendered);
    } catch (error) {
      io.stderr.write(`cap-advisor: cannot write ${output}: ${(error as Error).message}\n`);
      return 2;
    }
    io.stderr.write(`cap-advisor: wrote ${output}\n`);
  } else {
    io.stdout.write(rendered);
  }
  return splitBrains(files) > 0 ? 1 : 0;
}
