import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_INTENTS_DIR, FIXTURE_KNOWLEDGE_DIR } from './engine';

/**
 * A knowledge base a test may change: a copy of the fixture knowledge and intents in a temp folder.
 * Returns the folder, with knowledge/ and intents/ in it.
 */
export function knowledgeCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sofo-kb-'));
  cpSync(FIXTURE_KNOWLEDGE_DIR, join(dir, 'knowledge'), { recursive: true });
  cpSync(FIXTURE_INTENTS_DIR, join(dir, 'intents'), { recursive: true });
  return dir;
}
