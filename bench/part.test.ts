import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runPartInChild } from './part';

/** A part script in a folder of its own, as bench/tab.ts is one: it runs `run` and reports. */
function partScript(dir: string, name: string, run: string): string {
  const file = path.join(dir, `${name}.ts`);
  const part = JSON.stringify(path.join(__dirname, 'part'));
  writeFileSync(
    file,
    `import { runPartAsScript } from ${part};\n` +
      `runPartAsScript({ name: ${JSON.stringify(name)}, run: ${run}, report: () => ({ lines: [], checks: [] }) });\n`,
  );
  return file;
}

describe('benchmark parts in a process of their own', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bench-part-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("hands back the figures the child's part measured, and the child's own pid shows it ran elsewhere", async () => {
    const script = partScript(dir, 'measures', 'async () => ({ answer: 42, pid: process.pid })');
    const figures = await runPartInChild<{ answer: number; pid: number }>(script);
    expect(figures.answer).toBe(42);
    expect(figures.pid).not.toBe(process.pid);
  });

  it('fails when the part fails, instead of reporting figures it never measured', async () => {
    const script = partScript(dir, 'breaks', "async () => { throw new Error('no browser'); }");
    await expect(runPartInChild(script)).rejects.toThrow('breaks.ts exited with 1');
  });
});
