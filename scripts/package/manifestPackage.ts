/**
 * Builds the Teams app package offline: fills `${{NAME}}` placeholders in
 * appPackage/manifest.json from env/.env.<env>, validates the result against the
 * Teams manifest JSON schema bundled in @microsoft/app-manifest (never fetched),
 * checks the icons, and zips manifest.json, color.png and outline.png.
 *
 * The pieces are exported separately so tests can exercise each one; the CLI in
 * scripts/package.ts only parses arguments and prints.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { AppManifestUtils } from '@microsoft/app-manifest';

/** Repository root (this file lives in scripts/package/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Teams manifest versions older than this lack features the app relies on. */
export const MIN_MANIFEST_VERSION = '1.22';

/** Pixel sizes Teams requires for the two icons. */
export const ICON_SIZES = {
  color: { width: 192, height: 192 },
  outline: { width: 32, height: 32 },
} as const;

/** The canonical `$schema` URL for a Teams manifest version (e.g. "1.30"). */
export function teamsSchemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

/**
 * A failure the CLI reports as plain lines (no stack trace): a missing env file,
 * unfilled placeholders, schema errors, bad icons.
 */
export class PackageError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'PackageError';
  }
}

// ---------------------------------------------------------------------------
// Env files
// ---------------------------------------------------------------------------

/**
 * Parses a toolkit-style env file: `KEY=VALUE` lines, `#` comment lines, blank
 * lines, an optional `export ` prefix, and values optionally wrapped in double
 * quotes (with \n, \t, \" and \\ escapes) or single quotes (literal). An unquoted
 * value ends at ` #`, which starts a comment.
 *
 * @param text - The file's contents.
 * @param source - Name used in error messages, e.g. "env/.env.local".
 * @throws Error naming the line, for a malformed line or a key defined twice
 *         (a silent "last one wins" would hide a mistake).
 */
export function parseEnvFile(text: string, source = 'env file'): Record<string, string> {
  const env: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const where = `${source}:${index + 1}`;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new Error(`${where}: expected KEY=VALUE, got "${line}"`);
    const [, key, rest] = m;
    if (Object.prototype.hasOwnProperty.call(env, key)) throw new Error(`${where}: ${key} is defined twice`);
    env[key] = parseEnvValue(rest, where);
  });
  return env;
}

function parseEnvValue(rest: string, where: string): string {
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    let value = '';
    let i = 1;
    for (; i < rest.length && rest[i] !== quote; i++) {
      if (quote === '"' && rest[i] === '\\' && i + 1 < rest.length) {
        i++;
        const escaped: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
        value += escaped[rest[i]] ?? rest[i];
      } else {
        value += rest[i];
      }
    }
    if (i >= rest.length) throw new Error(`${where}: unterminated ${quote} quote`);
    const after = rest.slice(i + 1).trim();
    if (after !== '' && !after.startsWith('#')) throw new Error(`${where}: unexpected text after the closing quote`);
    return value;
  }
  return rest.replace(/\s+#.*$/, '').trim();
}

/**
 * Reads and parses env/.env.<envName> under `rootDir`.
 *
 * @throws PackageError if the environment name is unsafe or the file is missing or malformed.
 */
export function readEnvFile(envName: string, rootDir = REPO_ROOT): Record<string, string> {
  // The name becomes part of file paths, so keep it to a plain identifier.
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(envName)) {
    throw new PackageError([`"${envName}" is not a valid environment name (use letters, digits, - and _).`]);
  }
  const relative = `env/.env.${envName}`;
  const file = path.join(rootDir, relative);
  if (!existsSync(file)) {
    const known = existsSync(path.join(rootDir, 'env'))
      ? readdirSync(path.join(rootDir, 'env'))
          .filter((f) => /^\.env\.[^.]+$/.test(f))
          .map((f) => f.slice('.env.'.length))
      : [];
    throw new PackageError([`${relative} does not exist. Known environments: ${known.join(', ') || '(none)'}.`]);
  }
  try {
    return parseEnvFile(readFileSync(file, 'utf8'), relative);
  } catch (e) {
    throw new PackageError([(e as Error).message]);
  }
}

// ---------------------------------------------------------------------------
// Placeholders
// ---------------------------------------------------------------------------

/** Matches a toolkit placeholder such as `${{BOT_ID}}` (inner spaces allowed). */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The distinct placeholder names in `text`, in order of first use. */
export function findPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Result of {@link fillPlaceholders}. */
export interface FillResult {
  /** The template with every resolvable placeholder replaced; unresolved ones are left as written. */
  text: string;
  /** Distinct names whose value is undefined or empty (whitespace only counts as empty), in order of first use. */
  missing: string[];
}

/** Options for {@link fillPlaceholders}. */
export interface FillOptions {
  /** Applied to each value before insertion, e.g. {@link jsonStringEscape} for JSON templates. */
  escape?: (value: string) => string;
}

/**
 * Replaces every `${{NAME}}` in `template` with `env[NAME]`. Undefined and empty
 * values are both reported as missing: an empty id in a manifest is never right.
 */
export function fillPlaceholders(
  template: string,
  env: Readonly<Record<string, string | undefined>>,
  options: FillOptions = {},
): FillResult {
  const missing = new Set<string>();
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = env[name];
    if (value === undefined || value.trim() === '') {
      missing.add(name);
      return whole;
    }
    return options.escape ? options.escape(value) : value;
  });
  return { text, missing: [...missing] };
}

/**
 * Escapes a value for insertion inside a JSON string literal, so a quote or
 * backslash in an env value cannot break (or inject into) the manifest.
 */
export function jsonStringEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

// ---------------------------------------------------------------------------
// Schema validation (offline)
// ---------------------------------------------------------------------------

/** Directory holding @microsoft/app-manifest's bundled Teams schemas, one `v<version>` folder each. */
function bundledTeamsSchemaDir(): string {
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(pkgDir, 'build', 'json-schemas', 'teams');
}

/** Compares dotted numeric versions ("1.9" < "1.22"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Numbered Teams manifest versions whose schema @microsoft/app-manifest bundles, oldest first. */
export function bundledTeamsSchemaVersions(): string[] {
  return readdirSync(bundledTeamsSchemaDir())
    .filter((d) => /^v\d+(\.\d+)*$/.test(d) && existsSync(path.join(bundledTeamsSchemaDir(), d, 'MicrosoftTeams.schema.json')))
    .map((d) => d.slice(1))
    .sort(compareVersions);
}

/**
 * Loads the bundled Teams manifest schema for `manifestVersion` from disk.
 *
 * @returns The parsed schema, or undefined if that version is not bundled.
 */
export function loadBundledTeamsSchema(manifestVersion: string): object | undefined {
  if (!/^\d+(\.\d+)*$/.test(manifestVersion)) return undefined;
  const file = path.join(bundledTeamsSchemaDir(), `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(file)) return undefined;
  // The same clean-up @microsoft/app-manifest applies: some schemas contain \a and
  // \v escapes, which JSON does not allow.
  const raw = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return JSON.parse(raw) as object;
}

/** One reason a manifest is invalid. */
export interface ManifestProblem {
  /** JSON pointer into the manifest ("/" for the root). */
  path: string;
  message: string;
}

/** Formats a problem as one line: `/path: message`. */
export function formatProblem(problem: ManifestProblem): string {
  return `${problem.path}: ${problem.message}`;
}

/**
 * Validates a filled manifest against the Teams schema bundled for its
 * `manifestVersion`, fully offline.
 *
 * `AppManifestUtils.validateAgainstSchema(manifest)` without a schema reads
 * `$schema`, maps developer.microsoft.com URLs to its bundled copies, and
 * *fetches anything else over the network*. We never rely on that: we load the
 * bundled schema file ourselves and pass it in, and we require `$schema` to be
 * the canonical URL for the same version so the toolkit's own validation agrees.
 *
 * Also reports any `${{...}}` left in a string, which the schema might accept.
 *
 * @returns Every problem found; empty when the manifest is valid.
 */
export async function validateManifest(manifest: unknown): Promise<ManifestProblem[]> {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return [{ path: '/', message: 'the manifest must be a JSON object' }];
  }
  const record = manifest as Record<string, unknown>;
  const version = record.manifestVersion;
  if (typeof version !== 'string') {
    return [{ path: '/manifestVersion', message: 'must be a string such as "1.30"' }];
  }
  const schema = loadBundledTeamsSchema(version);
  if (!schema) {
    return [
      {
        path: '/manifestVersion',
        message: `no schema for "${version}" is bundled in @microsoft/app-manifest (bundled: ${bundledTeamsSchemaVersions().join(', ')})`,
      },
    ];
  }

  const problems: ManifestProblem[] = [];
  if (record.$schema !== teamsSchemaUrl(version)) {
    problems.push({ path: '/$schema', message: `must be "${teamsSchemaUrl(version)}" to match manifestVersion ${version}` });
  }
  type ManifestArg = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
  type SchemaArg = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as ManifestArg, schema as SchemaArg);
  problems.push(...errors.map(parseSchemaError));
  problems.push(...findUnfilled(manifest, ''));
  return problems;
}

/** Turns the library's "`<instancePath> <message>. Details: <params>`" strings into structured problems. */
function parseSchemaError(error: string): ManifestProblem {
  const m = /^(\S*) ([\s\S]*?)\. Details: ([\s\S]*)$/.exec(error);
  if (!m) return { path: '/', message: error };
  const [, pointer, message, details] = m;
  // Params such as {"additionalProperty":"foo"} or {"allowedValues":[...]} say what is wrong.
  const extra = details && details !== '{}' && !/^\{"(pattern|limit|type|format|missingProperty)"/.test(details) ? ` ${details}` : '';
  return { path: pointer || '/', message: `${message}${extra}` };
}

function findUnfilled(value: unknown, pointer: string): ManifestProblem[] {
  if (typeof value === 'string') {
    return findPlaceholders(value).length ? [{ path: pointer || '/', message: `unfilled placeholder in "${value}"` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findUnfilled(v, `${pointer}/${i}`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => findUnfilled(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [];
}

// ---------------------------------------------------------------------------
// Icons
// ---------------------------------------------------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What {@link pngSize} reads from a PNG's IHDR chunk. */
export interface PngInfo {
  width: number;
  height: number;
  /** PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
  /** True for colour types with an alpha channel, or a palette/RGB/grey image with a tRNS chunk. */
  hasAlpha: boolean;
}

/**
 * Reads a PNG's pixel size (and colour type) from its IHDR chunk.
 *
 * @throws Error if `data` is not a PNG.
 */
export function pngSize(data: Buffer): PngInfo {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  const colorType = data[25];
  return {
    width: data.readUInt32BE(16),
    height: data.readUInt32BE(20),
    colorType,
    hasAlpha: colorType === 4 || colorType === 6 || hasChunk(data, 'tRNS'),
  };
}

function hasChunk(data: Buffer, type: string): boolean {
  for (let offset = 8; offset + 8 <= data.length;) {
    const length = data.readUInt32BE(offset);
    const name = data.toString('ascii', offset + 4, offset + 8);
    if (name === type) return true;
    if (name === 'IDAT' || name === 'IEND') return false; // tRNS must come before IDAT
    offset += 12 + length;
  }
  return false;
}

/** An icon file the package will contain. */
export interface IconFile {
  /** Path inside the package, as the manifest names it. */
  name: string;
  data: Buffer;
}

/**
 * Checks the icons the manifest names: each must be a relative path inside
 * `appPackageDir`, exist, be a PNG of the size Teams requires, and the outline
 * icon must have transparency.
 *
 * @returns The icons' contents, or the problems found.
 */
export function checkIcons(manifest: unknown, appPackageDir: string): { icons: IconFile[]; problems: string[] } {
  const icons: IconFile[] = [];
  const problems: string[] = [];
  const declared = (manifest as { icons?: Record<string, unknown> } | null)?.icons ?? {};
  for (const kind of ['color', 'outline'] as const) {
    const name = declared[kind];
    const expected = ICON_SIZES[kind];
    if (typeof name !== 'string' || name === '') {
      problems.push(`icons.${kind} is not set`);
      continue;
    }
    const normalised = path.posix.normalize(name.replace(/\\/g, '/'));
    if (path.posix.isAbsolute(normalised) || normalised.startsWith('..')) {
      problems.push(`icons.${kind} ("${name}") must be a path inside appPackage/`);
      continue;
    }
    const file = path.join(appPackageDir, normalised);
    if (!existsSync(file)) {
      problems.push(`icons.${kind}: ${name} does not exist in appPackage/`);
      continue;
    }
    const data = readFileSync(file);
    let info: PngInfo;
    try {
      info = pngSize(data);
    } catch {
      problems.push(`icons.${kind}: ${name} is not a PNG file`);
      continue;
    }
    if (info.width !== expected.width || info.height !== expected.height) {
      problems.push(`icons.${kind}: ${name} is ${info.width}x${info.height}, Teams requires ${expected.width}x${expected.height}`);
    }
    if (kind === 'outline' && !info.hasAlpha) {
      problems.push(`icons.outline: ${name} has no transparency; Teams requires white on transparent`);
    }
    icons.push({ name: normalised, data });
  }
  return { icons, problems };
}

// ---------------------------------------------------------------------------
// Packaging
// ---------------------------------------------------------------------------

/** Options for {@link buildAppPackage}. */
export interface PackageOptions {
  /** Environment name: reads env/.env.<envName>. */
  envName: string;
  /** Repository root holding env/ and appPackage/; defaults to this repo. */
  rootDir?: string;
  /** Where to write the zip and filled manifest; defaults to <rootDir>/appPackage/build. */
  outDir?: string;
}

/** What {@link buildAppPackage} wrote. */
export interface PackageResult {
  zipPath: string;
  manifestPath: string;
  /** Names of the entries in the zip. */
  entries: string[];
}

/**
 * Fills, validates and zips the app package for one environment.
 *
 * Writes `appPackage.<env>.zip` (manifest.json and the icons at the zip root)
 * and `manifest.<env>.json` (the filled manifest) into `outDir`. Nothing is
 * written unless every check passes.
 *
 * @throws PackageError listing what to fix.
 */
export async function buildAppPackage(options: PackageOptions): Promise<PackageResult> {
  const rootDir = options.rootDir ?? REPO_ROOT;
  const { envName } = options;
  const outDir = options.outDir ?? path.join(rootDir, 'appPackage', 'build');
  const appPackageDir = path.join(rootDir, 'appPackage');
  const templatePath = path.join(appPackageDir, 'manifest.json');
  const envFile = `env/.env.${envName}`;

  const env = readEnvFile(envName, rootDir);
  if (!existsSync(templatePath)) throw new PackageError(['appPackage/manifest.json does not exist.']);
  const template = readFileSync(templatePath, 'utf8');

  const { text, missing } = fillPlaceholders(template, env, { escape: jsonStringEscape });
  if (missing.length) {
    const listed = missing.map((name) => `${name} (${env[name] === undefined ? 'undefined' : 'empty'})`).join(', ');
    throw new PackageError([
      `Cannot package "${envName}": appPackage/manifest.json needs ${missing.length} placeholder(s) that ${envFile} leaves undefined or empty: ${listed}.`,
    ]);
  }

  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (e) {
    throw new PackageError([`appPackage/manifest.json is not valid JSON after filling placeholders: ${(e as Error).message}`]);
  }

  const problems = await validateManifest(manifest);
  if (problems.length) {
    const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
    throw new PackageError([
      `appPackage/manifest.json (filled from ${envFile}) does not match the bundled Teams manifest schema v${String(version)}:`,
      ...problems.map((p) => `  ${formatProblem(p)}`),
    ]);
  }

  const { icons, problems: iconProblems } = checkIcons(manifest, appPackageDir);
  if (iconProblems.length) {
    throw new PackageError(['The app icons are not usable:', ...iconProblems.map((p) => `  ${p}`)]);
  }

  mkdirSync(outDir, { recursive: true });
  const manifestPath = path.join(outDir, `manifest.${envName}.json`);
  const zipPath = path.join(outDir, `appPackage.${envName}.zip`);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(text, 'utf8'));
  for (const icon of icons) zip.addFile(icon.name, icon.data);
  writeFileSync(manifestPath, text);
  zip.writeZip(zipPath);
  return { zipPath, manifestPath, entries: zip.getEntries().map((e) => e.entryName) };
}
