import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The real knowledge base (knowledge/, intents/) is guarded as its editors are told to check it: by
 * `sofo kb check`, which must pass without errors. Its answers are guarded by test/accuracy.test.ts.
 */
const ROOT = join(__dirname, '..');

it('`sofo kb check` passes on knowledge/ and intents/', () => {
  const env = { ...process.env };
  delete env.SOFO_KNOWLEDGE_DIR;
  delete env.SOFO_INTENTS_DIR;
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'sofo.js'), 'kb', 'check'], {
    env,
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.status !== 0) throw new Error(`sofo kb check failed:\n${result.stdout}${result.stderr}`);
  expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^OK: /);
});
