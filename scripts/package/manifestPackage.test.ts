import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { ACCENT_HEX, encodePng, rasterise } from './icons';
import {
  ICON_SIZES,
  MIN_MANIFEST_VERSION,
  PackageError,
  REPO_ROOT,
  buildAppPackage,
  bundledTeamsSchemaVersions,
  checkIcons,
  compareVersions,
  fillPlaceholders,
  findPlaceholders,
  jsonStringEscape,
  parseEnvFile,
  pngSize,
  readEnvFile,
  teamsSchemaUrl,
  validateManifest,
} from './manifestPackage';

// @microsoft/app-manifest require()s strip-bom, which is ESM-only. Plain Node 20
// (tsx, the CLI) loads it fine, but Jest's module loader cannot before Node 24.9,
// so tests swap in an equivalent. Validation never calls it anyway: it only
// strips a BOM when the library reads a manifest file itself.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

const read = (relative: string): string => readFileSync(path.join(REPO_ROOT, relative), 'utf8');
const template = read('appPackage/manifest.json');
const localEnv = readEnvFile('local');
const devEnv = readEnvFile('dev');

/** env/.env.local as `teamsapp provision --env local` leaves it, with stand-in ids. */
const provisionedEnv: Record<string, string> = {
  ...localEnv,
  TEAMS_APP_ID: '00000000-0000-4000-8000-000000000001',
  BOT_ID: '00000000-0000-4000-8000-000000000002',
  AAD_APP_CLIENT_ID: '00000000-0000-4000-8000-000000000003',
  AAD_APP_OBJECT_ID: '00000000-0000-4000-8000-000000000004',
  AAD_APP_TENANT_ID: '00000000-0000-4000-8000-000000000005',
  APP_DOMAIN: 'commonplace-local.example.devtunnels.ms',
  BOT_ENDPOINT: 'https://commonplace-local.example.devtunnels.ms',
};

/** Writes the provisioned stand-in as env/.env.provisioned under `root`, beside a copy of appPackage/. */
function provisionedProject(root: string): void {
  cpSync(path.join(REPO_ROOT, 'appPackage'), path.join(root, 'appPackage'), {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build`),
  });
  const lines = Object.entries(provisionedEnv).map(([key, value]) => `${key}=${value}`);
  cpSync(path.join(REPO_ROOT, 'env', '.env.local'), path.join(root, 'env', '.env.local'));
  writeFileSync(path.join(root, 'env', '.env.provisioned'), `${lines.join('\n')}\n`);
}

/** The manifest filled from a provisioned local environment, parsed. */
function filledLocalManifest(): Record<string, any> {
  const { text, missing } = fillPlaceholders(template, provisionedEnv, { escape: jsonStringEscape });
  expect(missing).toEqual([]);
  return JSON.parse(text);
}

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'commonplace-package-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
  jest.restoreAllMocks();
});

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines, comments, quotes and empty values', () => {
    const env = parseEnvFile(
      [
        '# a comment',
        '',
        'PLAIN=value',
        'SPACED = padded  ',
        'EMPTY=',
        'DOUBLE="with # hash and \\"quotes\\"\\n"',
        "SINGLE='raw \\n stays'",
        'INLINE=value # trailing comment',
        'HASH_IN_VALUE=a#b',
        'export EXPORTED=yes',
        '\r',
      ].join('\n'),
    );
    expect(env).toEqual({
      PLAIN: 'value',
      SPACED: 'padded',
      EMPTY: '',
      DOUBLE: 'with # hash and "quotes"\n',
      SINGLE: 'raw \\n stays',
      INLINE: 'value',
      HASH_IN_VALUE: 'a#b',
      EXPORTED: 'yes',
    });
  });

  it('names the file and line of a malformed or repeated entry', () => {
    expect(() => parseEnvFile('A=1\nnot a pair', 'env/.env.x')).toThrow('env/.env.x:2: expected KEY=VALUE');
    expect(() => parseEnvFile('A=1\nA=2', 'env/.env.x')).toThrow('env/.env.x:2: A is defined twice');
    expect(() => parseEnvFile('A="open', 'env/.env.x')).toThrow('env/.env.x:1: unterminated " quote');
  });
});

describe('fillPlaceholders', () => {
  it('fills defined values and reports undefined and empty ones once each', () => {
    const result = fillPlaceholders('${{A}} ${{ B }} ${{EMPTY}} ${{BLANK}} ${{UNDEFINED}} ${{EMPTY}}', {
      A: 'a',
      B: 'b',
      EMPTY: '',
      BLANK: '   ',
    });
    expect(result.text).toBe('a b ${{EMPTY}} ${{BLANK}} ${{UNDEFINED}} ${{EMPTY}}');
    expect(result.missing).toEqual(['EMPTY', 'BLANK', 'UNDEFINED']);
  });

  it('escapes values so they cannot break a JSON string', () => {
    const { text } = fillPlaceholders('{"v":"${{V}}"}', { V: 'say "hi" \\ bye' }, { escape: jsonStringEscape });
    expect(JSON.parse(text)).toEqual({ v: 'say "hi" \\ bye' });
  });
});

describe('manifest schema validation (offline, bundled schema)', () => {
  it('uses a bundled schema version at least ' + MIN_MANIFEST_VERSION, () => {
    const manifest = filledLocalManifest();
    expect(bundledTeamsSchemaVersions()).toContain(manifest.manifestVersion);
    expect(compareVersions(manifest.manifestVersion, MIN_MANIFEST_VERSION)).toBeGreaterThanOrEqual(0);
    expect(manifest.$schema).toBe(teamsSchemaUrl(manifest.manifestVersion));
  });

  it('accepts the manifest filled from a provisioned local environment without touching the network', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network used'));
    await expect(validateManifest(filledLocalManifest())).resolves.toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('rejects an action command with an invalid context', async () => {
    const manifest = filledLocalManifest();
    manifest.composeExtensions[0].commands[0].context = ['channel'];
    const problems = await validateManifest(manifest);
    expect(problems).toEqual([
      expect.objectContaining({ path: '/composeExtensions/0/commands/0/context/0', message: expect.stringContaining('allowed values') }),
    ]);
  });

  it('rejects a manifest missing a required field', async () => {
    const manifest = filledLocalManifest();
    delete manifest.developer.privacyUrl;
    const problems = await validateManifest(manifest);
    expect(problems).toEqual([
      expect.objectContaining({ path: '/developer', message: expect.stringContaining("required property 'privacyUrl'") }),
    ]);
  });

  it('rejects unfilled placeholders, a mismatched $schema and an unbundled version', async () => {
    const unfilled = await validateManifest(JSON.parse(template));
    expect(unfilled.map((p) => p.path)).toEqual(expect.arrayContaining(['/id', '/bots/0/botId', '/validDomains/0']));
    expect(unfilled.some((p) => p.message.startsWith('unfilled placeholder'))).toBe(true);

    const wrongSchema = { ...filledLocalManifest(), $schema: 'https://example.invalid/schema.json' };
    expect(await validateManifest(wrongSchema)).toEqual([expect.objectContaining({ path: '/$schema' })]);

    const unbundled = { ...filledLocalManifest(), manifestVersion: '9.99' };
    expect(await validateManifest(unbundled)).toEqual([
      expect.objectContaining({ path: '/manifestVersion', message: expect.stringContaining('no schema for "9.99"') }),
    ]);
  });
});

describe('environment files', () => {
  const files = [
    'appPackage/manifest.json',
    'teamsapp.yml',
    'teamsapp.local.yml',
    'infra/aad.manifest.json',
    'infra/azure.parameters.json',
  ];
  /** Variables the lifecycle files' actions write (writeToEnvironmentFile), SECRET_* ones included. */
  const written = new Set(
    [...`${read('teamsapp.yml')}\n${read('teamsapp.local.yml')}`.matchAll(/^\s+\w+: ([A-Z][A-Z0-9_]+)\s*$/gm)].map((m) => m[1]),
  );

  it.each(files)('define every placeholder of %s in env/.env.local and env/.env.dev; secrets come only from the toolkit', (file) => {
    const names = findPlaceholders(read(file));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      if (name.startsWith('SECRET_')) {
        // SECRET_* values live in the git-ignored env/.env.<name>.user, written there by an action.
        expect({ name, writtenByAnAction: written.has(name) }).toEqual({ name, writtenByAnAction: true });
        expect({ name, inLocal: name in localEnv, inDev: name in devEnv }).toEqual({ name, inLocal: false, inDev: false });
      } else {
        expect({ name, inLocal: name in localEnv, inDev: name in devEnv }).toEqual({ name, inLocal: true, inDev: true });
      }
    }
  });

  it('leave the ids empty until the toolkit provisions them, so no action reuses a stand-in', () => {
    for (const env of [localEnv, devEnv]) {
      const { missing } = fillPlaceholders(template, env);
      expect(missing).toEqual(expect.arrayContaining(['TEAMS_APP_ID', 'BOT_ID', 'AAD_APP_CLIENT_ID', 'APP_DOMAIN']));
    }
  });

  it('hold no secret: every SECRET_* the actions write is kept out of the committed files', () => {
    expect([...written].filter((n) => n.startsWith('SECRET_'))).toEqual(['SECRET_BOT_PASSWORD']);
    for (const env of [localEnv, devEnv]) expect(Object.keys(env).filter((k) => k.startsWith('SECRET_'))).toEqual([]);
    expect(read('.gitignore')).toMatch(/^env\/\.env\.\*\.user$/m);
    expect(read('.gitignore')).toMatch(/^\.localConfigs$/m);
  });
});

describe('icons', () => {
  it('are PNGs of the sizes Teams requires; the outline one is transparent', () => {
    const color = pngSize(readFileSync(path.join(REPO_ROOT, 'appPackage/color.png')));
    const outline = pngSize(readFileSync(path.join(REPO_ROOT, 'appPackage/outline.png')));
    expect(color).toMatchObject(ICON_SIZES.color);
    expect(color).toMatchObject({ width: 192, height: 192 });
    expect(outline).toMatchObject({ width: 32, height: 32, hasAlpha: true });
    expect(checkIcons(filledLocalManifest(), path.join(REPO_ROOT, 'appPackage')).problems).toEqual([]);
    // Teams shows the accent colour around the icon, so it matches the icon's background.
    expect(filledLocalManifest().accentColor).toBe(ACCENT_HEX);
  });

  it('pngSize reads what encodePng writes and refuses non-PNG data', () => {
    const png = encodePng(rasterise(3, 5, () => [1, 2, 3, 255]));
    expect(pngSize(png)).toEqual({ width: 3, height: 5, colorType: 6, hasAlpha: true });
    expect(() => pngSize(Buffer.from('not a png at all, just some text bytes'))).toThrow('not a PNG');
  });

  it('checkIcons reports a wrongly sized or missing icon', () => {
    writeFileSync(path.join(tmp, 'color.png'), encodePng(rasterise(32, 32, () => [0, 0, 0, 255])));
    const { problems } = checkIcons({ icons: { color: 'color.png', outline: 'outline.png' } }, tmp);
    expect(problems).toEqual([
      'icons.color: color.png is 32x32, Teams requires 192x192',
      'icons.outline: outline.png does not exist in appPackage/',
    ]);
  });
});

describe('buildAppPackage', () => {
  it('writes a zip with exactly manifest.json and the two icons, fully filled', async () => {
    provisionedProject(tmp);
    const result = await buildAppPackage({ envName: 'provisioned', rootDir: tmp, outDir: path.join(tmp, 'out') });
    expect(result.zipPath).toBe(path.join(tmp, 'out', 'appPackage.provisioned.zip'));
    expect(result.manifestPath).toBe(path.join(tmp, 'out', 'manifest.provisioned.json'));

    const zip = new AdmZip(result.zipPath);
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const zipped = zip.readAsText('manifest.json');
    expect(zipped).not.toContain('${{');
    expect(zipped).toBe(readFileSync(result.manifestPath, 'utf8'));
    expect(JSON.parse(zipped).id).toBe(provisionedEnv.TEAMS_APP_ID);
    expect(JSON.parse(zipped).webApplicationInfo.resource).toBe(`api://${provisionedEnv.APP_DOMAIN}/botid-${provisionedEnv.BOT_ID}`);
    expect(zip.readFile('color.png')).toEqual(readFileSync(path.join(REPO_ROOT, 'appPackage/color.png')));
  });

  it('fails with one line naming every undefined or empty placeholder, and writes nothing', async () => {
    provisionedProject(tmp);
    const envDir = path.join(tmp, 'env');
    cpSync(path.join(envDir, '.env.provisioned'), path.join(envDir, '.env.partial'));
    const partial = readFileSync(path.join(envDir, '.env.partial'), 'utf8')
      .replace(/^BOT_ID=.*$/m, 'BOT_ID=')
      .replace(/^APP_DOMAIN=.*$/m, '');
    writeFileSync(path.join(envDir, '.env.partial'), partial);

    const failure = buildAppPackage({ envName: 'partial', rootDir: tmp, outDir: path.join(tmp, 'out') });
    await expect(failure).rejects.toBeInstanceOf(PackageError);
    const error = (await failure.catch((e: unknown) => e)) as PackageError;
    expect(error.lines).toHaveLength(1);
    expect(error.lines[0]).toContain('env/.env.partial');
    expect(error.lines[0]).toContain('APP_DOMAIN (undefined)');
    expect(error.lines[0]).toContain('BOT_ID (empty)');
    expect(existsSync(path.join(tmp, 'out'))).toBe(false);
  });

  it('refuses an unknown or unsafe environment name', async () => {
    await expect(buildAppPackage({ envName: 'nope', outDir: tmp })).rejects.toThrow('env/.env.nope does not exist');
    await expect(buildAppPackage({ envName: '../etc', outDir: tmp })).rejects.toThrow('not a valid environment name');
  });
});
