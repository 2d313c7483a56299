import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { PROJECT_ROOT } from '../config/paths';

/**
 * `npm run package:teams`: the app package a Teams admin uploads. It fills the bot's app id into
 * manifests/teams/manifest.json (`${{MicrosoftAppId}}`), validates the manifest and its language files
 * against Microsoft's JSON schemas (vendored in manifests/teams/schema/, from the @microsoft/app-manifest
 * npm package, so that no network is needed), checks the icons, and writes dist/teams/sofo-teams.zip.
 */

// biome-ignore lint/suspicious/noTemplateCurlyInString: the Teams Toolkit's placeholder syntax, replaced below
const PLACEHOLDER = '${{MicrosoftAppId}}';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ICON_SIZES = { color: 192, outline: 32 } as const;

export interface PackageOptions {
  appId: string;
  /** Default: manifests/teams. */
  manifestDir?: string;
  /** Default: dist/teams/sofo-teams.zip. */
  outFile?: string;
}

export interface Packaged {
  file: string;
  /** The files in the zip, in order. */
  entries: string[];
  /** Things an admin should fix before publishing, which do not stop the package. */
  warnings: string[];
}

/** Everything wrong with the package, each naming the file and the field. */
export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`the Teams app package cannot be built:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

export function packageTeamsApp(options: PackageOptions): Packaged {
  const dir = options.manifestDir ?? join(PROJECT_ROOT, 'manifests', 'teams');
  const outFile = options.outFile ?? join(PROJECT_ROOT, 'dist', 'teams', 'sofo-teams.zip');
  const name = (file: string) => relative(process.cwd(), join(dir, file)) || file;
  if (!GUID.test(options.appId)) {
    throw new PackageError([
      `MicrosoftAppId: must be the Azure bot's app (client) id, a GUID, got "${options.appId}"`,
    ]);
  }

  const text = readFileSync(join(dir, 'manifest.json'), 'utf8').split(PLACEHOLDER).join(options.appId);
  const manifest = JSON.parse(text) as Manifest;
  const schemaDir = join(dir, 'schema', `v${manifest.manifestVersion}`);
  if (!existsSync(schemaDir)) {
    throw new PackageError([
      `${name('manifest.json')}: manifestVersion: no schema for "${manifest.manifestVersion}" in ${name(`schema/v${manifest.manifestVersion}`)}`,
    ]);
  }
  const problems = validate(join(schemaDir, 'MicrosoftTeams.schema.json'), manifest, name('manifest.json'));
  const files: Record<string, Uint8Array> = {
    'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
  };

  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const content = readFileSync(join(dir, file));
    problems.push(
      ...validate(
        join(schemaDir, 'MicrosoftTeams.Localization.schema.json'),
        JSON.parse(content.toString('utf8')),
        name(file),
      ),
    );
    files[file] = content;
  }
  for (const kind of ['color', 'outline'] as const) {
    const file = manifest.icons[kind];
    const content = readFileSync(join(dir, file));
    problems.push(...checkIcon(content, kind, name(file)));
    files[file] = content;
  }
  if (problems.length > 0) throw new PackageError(problems);

  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
  return {
    file: outFile,
    entries: Object.keys(files),
    warnings: placeholders(manifest, name('manifest.json')),
  };
}

interface Manifest {
  manifestVersion: string;
  icons: { color: string; outline: string };
  localizationInfo?: { additionalLanguages?: { file: string }[] };
  developer?: Record<string, string>;
}

/** Microsoft's schemas are draft-04, validated the way the Teams Toolkit validates them. */
function validate(schemaFile: string, data: unknown, name: string): string[] {
  // The localization schema's patterns are not valid with the `u` flag (an unescaped `]`).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const check = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  if (check(data)) return [];
  return (check.errors ?? []).map((e) => {
    const field = e.instancePath === '' ? '(top level)' : e.instancePath.slice(1).replace(/\//g, '.');
    const extra =
      e.keyword === 'additionalProperties'
        ? ` ("${(e.params as { additionalProperty: string }).additionalProperty}")`
        : '';
    return `${name}: ${field}: ${e.message}${extra}`;
  });
}

/** Teams: the colour icon 192×192; the outline 32×32, white on a transparent background. */
function checkIcon(content: Buffer, kind: keyof typeof ICON_SIZES, name: string): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(content);
  } catch (error) {
    return [`${name}: icons.${kind}: not a PNG (${(error as Error).message})`];
  }
  const size = ICON_SIZES[kind];
  if (png.width !== size || png.height !== size) {
    return [`${name}: icons.${kind}: must be ${size}×${size} pixels, is ${png.width}×${png.height}`];
  }
  if (kind === 'outline') {
    let transparent = 0;
    let coloured = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r = 0, g = 0, b = 0, a = 0] = png.data.subarray(i, i + 4);
      if (a === 0) transparent++;
      else if (Math.min(r, g, b) < 250) coloured++;
    }
    if (transparent === 0) return [`${name}: icons.outline: needs a transparent background`];
    if (coloured > 0)
      return [`${name}: icons.outline: must be white only, found ${coloured} coloured pixel(s)`];
  }
  return [];
}

function placeholders(manifest: Manifest, name: string): string[] {
  return Object.entries(manifest.developer ?? {})
    .filter(([, value]) => value.includes('example.se'))
    .map(([field, value]) => `${name}: developer.${field} is still "${value}": use your organisation's page`);
}

if (require.main === module) {
  const appId = process.env.MicrosoftAppId?.trim() ?? '';
  if (!appId) {
    process.stderr.write(
      "package:teams: MicrosoftAppId is not set. Set it to the Azure Bot's Microsoft App ID (a GUID), e.g.\n  MicrosoftAppId=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx npm run package:teams\n",
    );
    process.exitCode = 1;
  } else {
    try {
      const result = packageTeamsApp({ appId });
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
      process.stdout.write(
        `wrote ${relative(process.cwd(), result.file)} (${result.entries.join(', ')}): upload it in Teams → Apps → Manage your apps → Upload an app\n`,
      );
    } catch (error) {
      process.stderr.write(`package:teams: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  }
}
