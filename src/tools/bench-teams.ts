import { Agent, request } from 'node:http';
import { HttpDouble, type Recorded } from './doubles/http-double';
import { percentile } from './peers/measure';
import { serveInProcess } from './serve-process';

/**
 * `npm run bench:teams`: 100 Teams message activities sent at once to `sofo serve` running in its own
 * process on loopback (botbuilder's CloudAdapter and all, unauthenticated as with the Emulator), with a
 * Bot Connector double in this process. 20 of them are delivered a second time at once, as Teams does
 * with a slow turn. Measures the reply posted (from the request sent to the double receiving the
 * reply) and checks that every activity was answered exactly once.
 */
const ACTIVITIES = 100;
const REDELIVERED = 20;
const TARGET_P99_MS = 300;
const BOT = { id: '28:11111111-2222-3333-4444-555555555555', name: 'Sofo' };
const QUESTIONS = [
  'vad är ett reserverat kontrakt?',
  'Who runs this site?',
  'sysselsättningskrav nordanstig',
  'kontakt göteborg',
  'hej!',
];

export async function benchTeams(print: (line: string) => void): Promise<void> {
  let replies = 0;
  const connector = new HttpDouble(() => ({ body: { id: `reply-${++replies}` } }));
  const connectorUrl = await connector.start();
  const served = await serveInProcess({ MicrosoftAppId: '' });
  const sofo = served.url;
  try {
    // Connection set-up and a cold JIT are not what is measured.
    for (let i = 0; i < 30; i++) await send(sofo, activity(connectorUrl, `warm-${i}`, QUESTIONS[0] ?? ''));

    const ids = Array.from({ length: ACTIVITIES }, (_, i) => `bench-${i}`);
    const started = new Map<string, bigint>();
    const deliveries = [
      ...ids.map((id, i) => activity(connectorUrl, id, QUESTIONS[i % QUESTIONS.length] ?? '')),
      ...ids
        .slice(0, REDELIVERED)
        .map((id, i) => activity(connectorUrl, id, QUESTIONS[i % QUESTIONS.length] ?? '')),
    ];
    const statuses = await Promise.all(
      deliveries.map((a) => {
        if (!started.has(a.id)) started.set(a.id, process.hrtime.bigint());
        return send(sofo, a);
      }),
    );
    await Promise.all(
      ids.map((id) => connector.waitFor((c) => replyId(c) === id, 10_000).catch(() => undefined)),
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // let any duplicate arrive

    const latencies: number[] = [];
    let lost = 0;
    let twice = 0;
    for (const id of ids) {
      const posts = connector.calls.filter((c) => replyId(c) === id);
      if (posts.length === 0) lost += 1;
      if (posts.length > 1) twice += 1;
      const first = posts[0];
      if (first) latencies.push(Number(first.atNs - (started.get(id) ?? 0n)) / 1e6);
    }
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    print(
      `== Teams: ${ACTIVITIES} concurrent message activities (+${REDELIVERED} re-deliveries) on loopback ==`,
    );
    print(`  HTTP status: ${[...new Set(statuses)].join(', ')}; lost ${lost}, answered twice ${twice}`);
    print(
      `  reply posted: p50 ${percentile(latencies, 50).toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  max ${(latencies[latencies.length - 1] ?? Number.NaN).toFixed(1)} ms  [target p99 < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'met' : 'NOT MET'}]`,
    );
    if (lost > 0 || twice > 0) process.exitCode = 1;
  } finally {
    agent.destroy();
    served.stop();
    await connector.stop();
  }
}

interface Activity {
  id: string;
  [key: string]: unknown;
}

/** A personal-chat message as Teams sends it (test/fixtures/teams/message_personal.json), one conversation per id. */
function activity(serviceUrl: string, id: string, text: string): Activity {
  return {
    type: 'message',
    id,
    text,
    textFormat: 'plain',
    channelId: 'msteams',
    serviceUrl: `${serviceUrl}/`,
    timestamp: new Date().toISOString(),
    from: { id: '29:bench-user', name: 'Bench User', aadObjectId: '00000000-1111-2222-3333-444444444444' },
    conversation: { conversationType: 'personal', tenantId: 'bench-tenant', id: `a:bench-${id}` },
    recipient: BOT,
    channelData: { tenant: { id: 'bench-tenant' } },
  };
}

/** The activity a post to the double replies to: POST /v3/conversations/{id}/activities/{replyToId}. */
function replyId(call: Recorded): string | undefined {
  if (call.method !== 'POST') return undefined;
  const match = call.path.match(/\/activities\/([^/?]+)$/);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/** The Bot Connector's side of the wire: kept-alive connections, as a sender at scale would use. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function send(base: string, body: Activity): Promise<number> {
  const json = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/messages`, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(json),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(json);
  });
}

if (require.main === module) {
  benchTeams((line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(`bench:teams failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
