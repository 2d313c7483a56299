import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Running, startServer, teamsMode } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { FIXTURE_ENV, testConfig } from './helpers/engine';
import { HttpDouble } from './helpers/http-double';
import { activity, connectorDouble, post } from './helpers/teams';

/**
 * Where Sofo listens, and what its unauthenticated Emulator mode may reach (audit-reliability D6).
 */

const ROOT = join(__dirname, '..');

describe('the listen address', () => {
  it('is 127.0.0.1 unless HOST says otherwise', () => {
    expect(testConfig({}).edge.host).toBe('127.0.0.1');
    expect(testConfig({ HOST: '0.0.0.0' }).edge.host).toBe('0.0.0.0');
  });

  it('is where startServer listens when nobody passes a host', async () => {
    const running = await startServer(testConfig({ PORT: '0' }), {
      store: new MemoryStore(),
      log: () => undefined,
    });
    try {
      expect((running.server.address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await running.stop();
    }
  });

  it('is named in `sofo serve`’s start-up line, which has no Emulator warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sofo-listen-'));
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'sofo.js'), 'serve'], {
      env: { PATH: process.env.PATH, ...FIXTURE_ENV, PORT: '0', SOFO_DATA: join(dir, 'sofo.json') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up line in: ${stderr}`)), 15_000);
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          const found = /listens on (\S+)/.exec(stderr);
          if (found?.[1]) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        });
        child.on('exit', () => reject(new Error(`exited: ${stderr}`)));
      });
      expect(line).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(stderr).not.toMatch(/WITHOUT AUTHENTICATION/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Emulator mode (no MicrosoftAppId)', () => {
  it('serves the unauthenticated Teams endpoint only on loopback', () => {
    const config = testConfig({});
    expect(teamsMode(config, '127.0.0.1')).toBe('emulator');
    expect(teamsMode(config, '::1')).toBe('emulator');
    expect(teamsMode(config, '0.0.0.0')).toBe('off');
    expect(teamsMode(config, '192.168.1.20')).toBe('off');
    const app = testConfig({
      MicrosoftAppId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      MicrosoftAppPassword: 'x',
      MicrosoftAppType: 'MultiTenant',
    });
    expect(teamsMode(app, '0.0.0.0')).toBe('authenticated');
  });

  it('refuses to start with SOFO_EMULATOR_URL on a non-loopback HOST, or beside an app id', () => {
    expect(() => testConfig({ HOST: '0.0.0.0', SOFO_EMULATOR_URL: 'http://localhost:50000' })).toThrow(
      /^HOST:/,
    );
    expect(() => testConfig({ SOFO_EMULATOR_URL: 'http://evil.example:50000' })).toThrow(/SOFO_EMULATOR_URL/);
    expect(() =>
      testConfig({
        SOFO_EMULATOR_URL: 'http://localhost:50000',
        MicrosoftAppId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
        MicrosoftAppPassword: 'x',
        MicrosoftAppType: 'MultiTenant',
      }),
    ).toThrow(/SOFO_EMULATOR_URL/);
  });

  describe('serviceUrl', () => {
    let sofo: Running;
    let emulated: Running;
    let emulator: HttpDouble;
    let emulatorUrl: string;
    let victim: HttpDouble;
    let victimUrl: string;
    const log: string[] = [];
    const store = new MemoryStore();

    beforeAll(async () => {
      emulator = connectorDouble();
      emulatorUrl = await emulator.start();
      victim = new HttpDouble(() => ({ body: { id: 'x' } }));
      victimUrl = await victim.start();
      sofo = await startServer(testConfig({ PORT: '0' }), { store, log: (l) => log.push(l) });
      emulated = await startServer(testConfig({ PORT: '0', SOFO_EMULATOR_URL: emulatorUrl }), {
        store: new MemoryStore(),
        log: () => undefined,
      });
    });
    afterAll(async () => {
      await sofo.stop();
      await emulated.stop();
      await emulator.stop();
      await victim.stop();
    });

    const message = (serviceUrl: string) =>
      activity('message_personal.json', serviceUrl, { text: 'vad är ett reserverat kontrakt?' });

    it.each([
      ['a database port', 'http://127.0.0.1:5432'],
      ['a dev server', 'http://localhost:8080'],
      ['the https port', 'https://127.0.0.1'],
    ])('on %s of this machine is refused with 403', async (_name, serviceUrl) => {
      const res = await post(sofo.url, message(serviceUrl));
      expect(res.status).toBe(403);
    });

    it('of a bot-added conversationUpdate on such a port stores nothing', async () => {
      const update = {
        ...activity('conversation_update_bot_added_to_team.json', 'http://127.0.0.1:6379'),
        conversation: { id: '19:flood@thread.tacv2', conversationType: 'channel' },
      };
      expect((await post(sofo.url, update)).status).toBe(403);
      expect(JSON.stringify(store)).not.toContain('19:flood');
    });

    it('on the Emulator’s usual (ephemeral) ports is answered, with the warning said once', async () => {
      const question = message(emulatorUrl);
      expect((await post(sofo.url, question)).status).toBe(200);
      await emulator.waitFor((c) => c.path.includes(encodeURIComponent(question.conversation.id)));
      await post(sofo.url, message(emulatorUrl));
      expect(log.filter((l) => /WITHOUT AUTHENTICATION/.test(l))).toHaveLength(1);
    });

    it('with SOFO_EMULATOR_URL set, only that address is posted to', async () => {
      expect((await post(emulated.url, message(victimUrl))).status).toBe(403);
      const question = message(emulatorUrl);
      expect((await post(emulated.url, question)).status).toBe(200);
      await emulator.waitFor((c) => c.path.includes(encodeURIComponent(question.conversation.id)));
      expect(victim.calls).toHaveLength(0);
    });
  });
});
