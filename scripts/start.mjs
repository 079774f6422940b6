// `npm start`: checks what must be installed with plain Node (so a missing install is
// one clear line, not a stack trace), then runs the TypeScript launcher through tsx.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const needed = ['tsx', 'azurite', '@microsoft/m365agentsplayground', 'botbuilder', '@microsoft/teams-ai', '@azure/data-tables'];
const missing = needed.filter((name) => {
  try {
    require.resolve(`${name}/package.json`);
    return false;
  } catch {
    return true;
  }
});
if (missing.length) {
  process.stderr.write(`Missing ${missing.join(', ')}: run "npm ci" first.\n`);
  process.exit(1);
}
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  process.stderr.write(`Commonplace needs Node.js 20 or later; this is ${process.version}.\n`);
  process.exit(1);
}

// The project's TypeScript is CommonJS: load it through tsx's CommonJS hook.
const { register } = await import('tsx/cjs/api');
register();
require('./start');
