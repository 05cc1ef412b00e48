import { Command, Option } from 'commander';
import type { CliOutput } from './cli-output.js';
import { cancelCommand } from './commands/cancel-command.js';
import { dashboardCommand } from './commands/dashboard-command.js';
import { enqueueCommand } from './commands/enqueue-command.js';
import { listCommand } from './commands/list-command.js';
import { pruneCommand } from './commands/prune-command.js';
import { runCommand } from './commands/run-command.js';
import { showCommand } from './commands/show-command.js';
import { statsCommand } from './commands/stats-command.js';
import { watchCommand } from './commands/watch-command.js';
import { ExitCode } from './exit-codes.js';

const EXIT_CODES_HELP = `
Exit codes:
  0    done
  1    unexpected failure
  2    invalid command line or value (INVALID_REQUEST, INVALID_DATA, DATA_TOO_LARGE, INVALID_QUERY)
  3    no such work (WORK_NOT_FOUND)
  4    database missing or unusable (STORE_*, SCHEMA_TOO_NEW)
  5    not allowed in the current state (ILLEGAL_STATE, UNSUPPORTED_OPERATION)
  130  run stopped at once by a second signal

Errors go to stderr as "workmanager: CODE: what to do" (JSON with --json).
The database defaults to $WORK_DB, else ./work.db.`;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * Builds the `workmanager` command line. Each command sets `result.exitCode`; `run` resolves
 * only when its process has stopped.
 */
export function createCliProgram(output: CliOutput, result: { exitCode: number }): Command {
  const program = new Command('workmanager')
    .description('Run, inspect and control WorkManager work stored in a SQLite file.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP)
    .configureOutput({
      writeOut: (text) => output.out(text.trimEnd()),
      writeErr: (text) => output.err(text.trimEnd()),
      outputError: (text, write) => write(text.replace(/^error: /, 'workmanager: USAGE: ')),
    })
    .exitOverride();

  const db = (): Option =>
    new Option('--db <file>', 'the SQLite work database').default(process.env.WORK_DB || 'work.db');
  const json = (): Option => new Option('--json', 'print data as JSON');

  program
    .command('run')
    .description('run due work with the workers a module exports, until SIGINT/SIGTERM')
    .argument('<workers-module>', 'a .ts or .js file that exports "workers"')
    .addOption(db())
    .option('--concurrency <n>', 'works run at once', '8')
    .option('--grace <duration>', 'how long running work may finish after a stop signal', '30s')
    .option('--quiet', 'do not log state changes')
    .action(async (modulePath: string, options) => {
      result.exitCode = await runCommand(modulePath, options, output);
    });

  program
    .command('enqueue')
    .description('enqueue a work, a periodic work or a chain')
    .argument('<worker>', 'the worker name')
    .addOption(db())
    .option('--input <json>', 'input data as a JSON object')
    .option('--delay <duration>', 'initial delay, e.g. 30s, 15m, 1h30m')
    .option('--periodic <interval>', 'repeat every interval (at least 15m)')
    .option('--flex <duration>', 'flex window of periodic work')
    .option('--unique <name>', 'enqueue as unique work under this name')
    .option(
      '--policy <policy>',
      'with --unique: REPLACE, KEEP, APPEND, APPEND_OR_REPLACE (periodic: KEEP, REPLACE, UPDATE, CANCEL_AND_REENQUEUE); default KEEP',
    )
    .option('--tag <tag>', 'a tag (repeatable)', collect, [])
    .option(
      '--then <worker>',
      'a worker to run after the previous one succeeded (repeatable)',
      collect,
      [],
    )
    .addOption(json())
    .action(async (worker: string, options) => enqueueCommand(worker, options, output));

  program
    .command('list')
    .description('list works, oldest first')
    .addOption(db())
    .option(
      '--state <state>',
      'only works in this state (repeatable or comma-separated)',
      collect,
      [],
    )
    .option('--tag <tag>', 'only works with this tag')
    .option('--name <name>', 'only works with this unique name')
    .addOption(json())
    .action(async (options) => listCommand(options, output));

  program
    .command('show')
    .description('show one work and its chain')
    .argument('<id>', 'the work id')
    .addOption(db())
    .addOption(json())
    .action(async (id: string, options) => showCommand(id, options, output));

  program
    .command('cancel')
    .description('cancel unfinished works and their dependents')
    .addOption(db())
    .option('--id <id>', 'the work with this id')
    .option('--tag <tag>', 'every work with this tag')
    .option('--name <name>', 'the unique work with this name')
    .option('--all', 'every work')
    .addOption(json())
    .action(async (options) => cancelCommand(options, output));

  program
    .command('prune')
    .description('delete finished works that no unfinished work depends on')
    .addOption(db())
    .addOption(json())
    .action(async (options) => pruneCommand(options, output));

  program
    .command('stats')
    .description('count works by state')
    .addOption(db())
    .addOption(json())
    .action(async (options) => statsCommand(options, output));

  program
    .command('watch')
    .description('a live table of works with progress bars, until Ctrl-C')
    .addOption(db())
    .option(
      '--state <state>',
      'only works in this state (repeatable or comma-separated)',
      collect,
      [],
    )
    .option('--tag <tag>', 'only works with this tag')
    .option('--name <name>', 'only works with this unique name')
    .option('--limit <n>', 'show at most the n newest works', '30')
    .addOption(new Option('--json', 'print one JSON line per change (NDJSON)'))
    .action(async (options) => watchCommand(options, output));

  program
    .command('dashboard')
    .description('serve the live web dashboard, until Ctrl-C')
    .addOption(db())
    .option('--port <port>', 'the port (0: any free port)', '8080')
    .option(
      '--host <host>',
      'the address to bind; anything but loopback needs --token',
      '127.0.0.1',
    )
    .option(
      '--token <token>',
      'require this secret for every API call and action ($WORKMANAGER_TOKEN)',
    )
    .option('--poll <ms>', 'how often to look for changes by other processes', '500')
    .action(async (options) => dashboardCommand(options, output));

  result.exitCode = ExitCode.OK;
  return program;
}
