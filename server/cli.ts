import { loadConfig } from './config';
import { runCli } from './cli/commands';
import { consoleOutput } from './cli/context';

/** Admin CLI: `npm run cli -- <command>`; `npm run cli -- --help` lists the commands. */
runCli(process.argv.slice(2), consoleOutput, () => loadConfig())
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
