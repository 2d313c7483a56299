import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A knowledge base a test may change: a copy, in a temp folder, of the test fixtures' knowledge when
 * there is one, else of the project's. Returns the folder with knowledge/ and intents/ in it.
 */
export function knowledgeCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sofo-kb-'));
  const fixtures = join(ROOT, 'test', 'fixtures', 'knowledge');
  const source = existsSync(join(fixtures, 'knowledge')) ? fixtures : ROOT;
  cpSync(join(source, 'knowledge'), join(dir, 'knowledge'), { recursive: true });
  cpSync(join(source, 'intents'), join(dir, 'intents'), { recursive: true });
  return dir;
}
