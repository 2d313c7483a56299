import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStore } from '../src/storage/lowdb-store';
import type { HttpDouble } from '../src/tools/doubles/http-double';
import { slackApiDouble } from '../src/tools/doubles/slack';
import { FIXTURE_ENV, fixtureEngine } from './helpers/engine';

const BIN = join(__dirname, '..', 'bin', 'sofo.js');
const TIPS = fixtureEngine().kb.tips.length;
let dir: string;
let api: HttpDouble;
let apiUrl: string;

beforeAll(async () => {
  api = slackApiDouble();
  apiUrl = `${await api.start()}/api/`;
});
afterAll(() => api.stop());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sofo-tips-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `sofo` asynchronously: the Slack double answers from this process meanwhile. */
function sofo(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...FIXTURE_ENV, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('sofo tips send and subscribers, on the shared data file', () => {
  it('sends a tip now to one subscriber, records it, and moves its rotation on', async () => {
    const file = join(dir, 'sofo.json');
    const store = await LowdbStore.open(file);
    await store.subscribe(
      { id: 'slack:C0CLI1', platform: 'slack', target: 'C0CLI1', lang: 'sv', since: 't', source: 'command' },
      TIPS,
    );
    await store.subscribe(
      { id: 'slack:C0CLI2', platform: 'slack', target: 'C0CLI2', lang: 'en', since: 't', source: 'command' },
      TIPS,
    );
    const env = {
      SOFO_DATA: file,
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-cli',
      SLACK_API_URL: apiUrl,
    };

    const sent = await sofo(['tips', 'send', '--now', '--to', 'slack:C0CLI1'], env);
    expect(sent).toMatchObject({ status: 0, stdout: 'sent 1, ended 0, failed 0\n' });
    expect(api.to('chat.postMessage').map((c) => c.body.channel)).toEqual(['C0CLI1']);
    // The server's store sees what the CLI wrote.
    expect((await store.listSubscriptions()).find((s) => s.id === 'slack:C0CLI1')?.cursor).toBe(1);

    const list = await sofo(['tips', 'subscribers'], env);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
    expect(list.stdout).toMatch(/^slack:C0CLI1\tsv\t/m);
  });
});
