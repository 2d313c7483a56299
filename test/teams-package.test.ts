import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { parseCommand } from '../src/channels/teams/commands';
import { CONTACT_COMMAND } from '../src/channels/teams/handlers/contact-search';
import { PackageError, packageTeamsApp } from '../src/tools/package-teams';

const ROOT = join(__dirname, '..');
const SOURCE = join(ROOT, 'manifests', 'teams');
const APP_ID = '11111111-2222-3333-4444-555555555555';

// biome-ignore lint/suspicious/noExplicitAny: the manifest is free-form JSON that tests reach into
type Json = Record<string, any>;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sofo-teams-package-'));
  cpSync(SOURCE, join(dir, 'teams'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const manifestDir = () => join(dir, 'teams');
const build = () =>
  packageTeamsApp({ appId: APP_ID, manifestDir: manifestDir(), outFile: join(dir, 'out', 'sofo-teams.zip') });
function edit(file: string, change: (json: Json) => void): void {
  const path = join(manifestDir(), file);
  const json = JSON.parse(readFileSync(path, 'utf8')) as Json;
  change(json);
  writeFileSync(path, JSON.stringify(json));
}
function problems(): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof PackageError) return error.problems;
    throw error;
  }
  throw new Error('the package was built');
}

describe('the Teams app manifest', () => {
  const manifest = JSON.parse(readFileSync(join(SOURCE, 'manifest.json'), 'utf8')) as Json;

  it('uses the newest schema Sofo vendors, and says so in both places', () => {
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    const vendored = JSON.parse(
      readFileSync(
        join(SOURCE, 'schema', `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json'),
        'utf8',
      ),
    );
    expect(vendored.properties.manifestVersion.const).toBe(manifest.manifestVersion);
  });

  it('declares the bot in personal chats, teams and group chats, with its five commands', () => {
    const [bot] = manifest.bots;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.commandLists[0].commands.map((c: Json) => c.title)).toEqual([
      'fråga',
      'kontakt',
      'exempel',
      'hjälp',
      'tips',
    ]);
  });

  it('localises to "en" (every English client, not only en-US), command titles included', () => {
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'en', file: 'en.json' }]);
    const en = JSON.parse(readFileSync(join(SOURCE, 'en.json'), 'utf8')) as Json;
    const titles = manifest.bots[0].commandLists[0].commands.map(
      (_: Json, i: number) => en[`bots[0].commandLists[0].commands[${i}].title`],
    );
    expect(titles).toEqual(['ask', 'contact', 'examples', 'help', 'tips']);
  });

  it('each command in the menu, Swedish or English, does what its description says', () => {
    const en = JSON.parse(readFileSync(join(SOURCE, 'en.json'), 'utf8')) as Json;
    const expected = ['help', 'contacts', 'cases', 'help', 'tips'];
    manifest.bots[0].commandLists[0].commands.forEach((command: Json, i: number) => {
      const english = en[`bots[0].commandLists[0].commands[${i}].title`] as string;
      // Picking a command puts its title in the box; the user may send it as it is.
      expect([parseCommand(command.title).kind, parseCommand(english).kind]).toEqual([
        expected[i],
        expected[i],
      ]);
    });
    expect(manifest.bots[0].commandLists[0].commands[4].description).toMatch(/tips på/);
    expect(parseCommand('exempel')).toEqual({ kind: 'cases', lang: 'sv' });
    expect(parseCommand('contact nordanstig')).toEqual({ kind: 'contacts', query: 'nordanstig' });
  });

  it('declares the contact search the bot answers', () => {
    const [command] = manifest.composeExtensions[0].commands;
    expect(command).toMatchObject({ id: CONTACT_COMMAND, type: 'query', initialRun: true });
    expect(command.parameters.map((p: Json) => p.name)).toEqual(['query']);
  });

  it('has Swedish by default and English as a language file', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('sv-se');
    expect(manifest.description.full).toMatch(/sociala företag/);
    const en = JSON.parse(readFileSync(join(SOURCE, 'en.json'), 'utf8')) as Json;
    expect(en['description.full']).toMatch(/social enterprises/);
  });

  it('has the icons Teams asks for: colour 192×192, outline 32×32 white on transparent', () => {
    const color = PNG.sync.read(readFileSync(join(SOURCE, 'color.png')));
    const outline = PNG.sync.read(readFileSync(join(SOURCE, 'outline.png')));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    const pixels = [...Array(32 * 32).keys()].map((i) => [...outline.data.subarray(i * 4, i * 4 + 4)]);
    expect(pixels.filter(([, , , a]) => a === 0).length).toBeGreaterThan(500);
    expect(pixels.filter(([r, g, b, a]) => (a ?? 0) > 0 && Math.min(r ?? 0, g ?? 0, b ?? 0) < 250)).toEqual(
      [],
    );
  });
});

describe('npm run package:teams', () => {
  it('fills in the app id, validates, and zips the manifest, its language file and the icons at the root', () => {
    const result = build();
    expect(result.entries.sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const files = unzipSync(readFileSync(result.file));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(Buffer.from(files['manifest.json'] as Uint8Array).toString('utf8')) as Json;
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.composeExtensions[0].botId).toBe(APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(Buffer.from(files['color.png'] as Uint8Array)).toEqual(readFileSync(join(SOURCE, 'color.png')));
    expect(result.warnings.join('\n')).toMatch(/developer\.websiteUrl is still/);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() =>
      packageTeamsApp({ appId: 'sofo', manifestDir: manifestDir(), outFile: join(dir, 'x.zip') }),
    ).toThrow(/MicrosoftAppId: must be the Azure bot's app \(client\) id/);
  });

  it('names the file and field of every schema violation', () => {
    edit('manifest.json', (m) => {
      m.bots[0].scopes.push('everyone');
      m.name.short = 'Sofo, din guide till att köpa av sociala företag';
      m.accentColor = 'blue';
    });
    edit('en.json', (l) => {
      l['description.short'] = 'x'.repeat(81);
    });
    const found = problems();
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /manifest\.json: bots\.0\.scopes\.3: must be equal to one of the allowed values/,
        ),
        expect.stringMatching(/manifest\.json: name\.short: must NOT have more than 30 characters/),
        expect.stringMatching(/manifest\.json: accentColor: must match pattern/),
        expect.stringMatching(/en\.json: description\.short: must NOT have more than 80 characters/),
      ]),
    );
  });

  it('refuses icons of the wrong size or colour', () => {
    writeFileSync(join(manifestDir(), 'color.png'), readFileSync(join(SOURCE, 'outline.png')));
    writeFileSync(join(manifestDir(), 'outline.png'), readFileSync(join(SOURCE, 'color.png')));
    expect(problems()).toEqual([
      expect.stringMatching(/color\.png: icons\.color: must be 192×192 pixels, is 32×32/),
      expect.stringMatching(/outline\.png: icons\.outline: must be 32×32 pixels, is 192×192/),
    ]);
    const coloured = new PNG({ width: 32, height: 32 });
    coloured.data.fill(0);
    coloured.data.set([255, 0, 0, 255], 0);
    writeFileSync(join(manifestDir(), 'outline.png'), PNG.sync.write(coloured));
    writeFileSync(join(manifestDir(), 'color.png'), readFileSync(join(SOURCE, 'color.png')));
    expect(problems()).toEqual([
      expect.stringMatching(/icons\.outline: must be white only, found 1 coloured pixel/),
    ]);
  });
});
