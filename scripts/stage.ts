/**
 * `npm run stage`: puts what the App Service runs into .deploy/, for teamsapp.yml's
 * zip deploy: the built service and tab (from `npm run build`), package.json and its
 * lock, and the production dependencies installed from that lock. Nothing else of the
 * repository (sources, env files, tests, dev tools) goes to the server.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const STAGE = path.join(ROOT, '.deploy');
const BUILT = ['dist/bot/src/index.js', 'dist/tab/index.html'];

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? sizeOf(full) : statSync(full).size;
  }
  return total;
}

function main(): number {
  const missing = BUILT.filter((file) => !existsSync(path.join(ROOT, file)));
  if (missing.length) {
    console.error(`Nothing to stage: ${missing.join(' and ')} missing. Run "npm run build" first.`);
    return 1;
  }
  rmSync(STAGE, { recursive: true, force: true });
  mkdirSync(STAGE);
  for (const part of ['dist/bot', 'dist/tab']) {
    cpSync(path.join(ROOT, part), path.join(STAGE, part), { recursive: true, filter: (src) => !/\.test\.js(\.map)?$/.test(src) });
  }
  for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(ROOT, file), path.join(STAGE, file));
  // The lock pins every version; no install script of a runtime dependency is needed.
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: STAGE, stdio: 'inherit' });
  console.log(`Staged .deploy/ (${(sizeOf(STAGE) / 1024 / 1024).toFixed(1)} MB): start command "node dist/bot/src/index.js".`);
  return 0;
}

process.exitCode = main();
