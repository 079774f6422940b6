/**
 * `npm run package [-- --env <name>]` (default env: local).
 *
 * Builds appPackage/build/appPackage.<env>.zip from appPackage/manifest.json and
 * env/.env.<env>, validating offline against the bundled Teams manifest schema.
 * All the work is in ./package/manifestPackage; this file only handles arguments
 * and turns failures into plain messages with exit code 1 (no stack traces:
 * the messages already say what to fix).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAppPackage, PackageError } from './package/manifestPackage';

const USAGE = 'Usage: npm run package [-- --env <name>]   (reads env/.env.<name>, filled by teamsapp provision; default name: local)';

async function main(): Promise<number> {
  let envName: string;
  try {
    const { values } = parseArgs({
      options: { env: { type: 'string', short: 'e', default: 'local' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    envName = values.env ?? 'local';
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 1;
  }

  try {
    const result = await buildAppPackage({ envName });
    console.log(`Wrote ${path.relative(process.cwd(), result.zipPath)} (${result.entries.join(', ')})`);
    console.log(`Filled manifest: ${path.relative(process.cwd(), result.manifestPath)}`);
    return 0;
  } catch (e) {
    console.error(e instanceof PackageError ? e.message : `Packaging failed: ${(e as Error).message}`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
