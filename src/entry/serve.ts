import type { Config } from '../config/config';
import { createApp, listen } from '../server/http';
import { loadEngine } from './load-engine';

/** `sofo serve` / `npm start`: load the knowledge (or refuse to start), then serve until stopped. */
export async function serve(config: Config): Promise<number> {
  const engine = loadEngine(config);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const server = await listen(createApp({ engine, log }), config.port);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log(`Sofo lyssnar på / listens on http://localhost:${port} (${engine.kb.entries.length} entries)`);
  log('Slack: inte konfigurerad / not configured. Teams: inte konfigurerad / not configured.');
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
