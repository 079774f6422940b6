import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** The modules a fresh process holds once it has loaded the service, as paths. */
function modulesLoadedByService(): string[] {
  const script = "require('./bot/src/service'); process.stdout.write(JSON.stringify(Object.keys(require.cache)));";
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
}

describe('the service footprint', () => {
  // The package's index also loads its AI stack (an OpenAI client, tokenizers with their
  // vocabularies, planners) that the service never uses, which every instance would keep
  // in memory.
  it('loads the Teams AI library without its AI stack', () => {
    const modules = modulesLoadedByService();
    expect(modules.some((m) => m.includes(`${path.sep}@microsoft${path.sep}teams-ai${path.sep}lib${path.sep}Application.js`))).toBe(true);
    expect(modules.filter((m) => /[\\/]node_modules[\\/](openai|gpt-tokenizer)[\\/]|[\\/]teams-ai[\\/]lib[\\/]index\.js$/.test(m))).toEqual(
      [],
    );
  });
});
