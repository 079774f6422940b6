import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's Chromium, which `.ci/run` installs; tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, sandbox-free (CI runs as root) and quiet: no background calls to the internet. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Builds the tab for production into a fresh temporary folder, as `npm run build` does, and returns the folder. */
export function buildTab(root: string, folderPrefix = 'commonplace-tab-'): string {
  const tabDir = mkdtempSync(path.join(tmpdir(), folderPrefix));
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = path.join(root, 'tab', 'vite.config.ts');
  execFileSync(process.execPath, [vite, 'build', '--config', config, '--outDir', tabDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  return tabDir;
}
