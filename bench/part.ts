import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A part of the benchmark that can run on its own: what it measures, and how it reports. */
export interface BenchPart<F> {
  name: string;
  run: () => Promise<F>;
  report: (figures: F) => { lines: string[]; checks: (readonly [string, boolean])[] };
}

/** Where a part started by `npm run bench` writes its figures. */
const FIGURES_FLAG = '--figures-to';

/**
 * The entry point of a part run as its own script (`npx tsx bench/tab.ts`): prints its
 * report, or, when `npm run bench` starts it, writes its figures where it is told.
 */
export function runPartAsScript<F>(part: BenchPart<F>, argv: string[] = process.argv): void {
  const at = argv.indexOf(FIGURES_FLAG);
  part
    .run()
    .then((figures) => {
      if (at >= 0) {
        writeFileSync(argv[at + 1], JSON.stringify(figures));
        return;
      }
      const { lines, checks } = part.report(figures);
      process.stdout.write(`${lines.join('\n')}\n${checks.map(([name, ok]) => `  ${ok ? 'met   ' : 'MISSED'}  ${name}`).join('\n')}\n`);
    })
    .catch((error) => {
      process.stderr.write(`${part.name} benchmark failed: ${(error as Error)?.stack ?? error}\n`);
      process.exit(1);
    });
}

/**
 * Runs a part's script in a process of its own and resolves with its figures. The
 * storage benchmark measures the service in the benchmark's own process, so what the
 * other parts load (the browser driver, tens of MB of heap) or leave behind must not be
 * there: a larger heap makes every full garbage collection of the service's process longer.
 */
export function runPartInChild<F>(script: string): Promise<F> {
  const dir = mkdtempSync(path.join(tmpdir(), 'commonplace-bench-'));
  const out = path.join(dir, 'figures.json');
  return new Promise<F>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, FIGURES_FLAG, out], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      try {
        if (code !== 0) throw new Error(`${path.basename(script)} exited with ${signal ?? code}`);
        resolve(JSON.parse(readFileSync(out, 'utf8')) as F);
      } catch (error) {
        reject(error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
