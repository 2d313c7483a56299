import { Agent, request } from 'node:http';
import { nextTs, signSlack, slackApiDouble } from './doubles/slack';
import { percentile } from './peers/measure';
import { serveInProcess } from './serve-process';

/**
 * `npm run bench:slack`: 100 signed app_mention events sent at once to `sofo serve` running in its own
 * process on loopback, Bolt and all, with the Web API double (in this process) standing in for Slack. Measures the acknowledgement (HTTP
 * response) and the answer (chat.postMessage reaching the double), and checks none is lost or doubled.
 */
const EVENTS = 100;
const SECRET = 'bench-signing-secret';
const TARGETS = { ackP99Ms: 50, answerP99Ms: 300 };

export async function benchSlack(print: (line: string) => void): Promise<void> {
  const api = slackApiDouble();
  const apiBase = await api.start();
  const sofo = await serveInProcess({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: `${apiBase}/api/`,
  });
  try {
    // Bolt's auth.test, connection set-up and a cold JIT are not what is measured.
    for (let i = 0; i < 30; i++) await send(sofo.url, 'vad är ett reserverat kontrakt?');
    const questions = [
      'vad är ett reserverat kontrakt?',
      'Who runs this site?',
      'sysselsättningskrav nordanstig',
      'hej!',
    ];
    const started = new Map<string, bigint>();
    const acks = await Promise.all(
      Array.from({ length: EVENTS }, async (_, i) => {
        const ts = nextTs();
        started.set(ts, process.hrtime.bigint());
        const response = await send(sofo.url, questions[i % questions.length] ?? '', ts);
        return {
          ts,
          status: response.status,
          ackMs: Number(process.hrtime.bigint() - (started.get(ts) ?? 0n)) / 1e6,
        };
      }),
    );
    await Promise.all(
      acks.map((a) => api.waitFor((c) => c.body.thread_ts === a.ts, 10_000).catch(() => undefined)),
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // let any duplicate arrive
    const answerMs: number[] = [];
    let lost = 0;
    let doubled = 0;
    for (const a of acks) {
      const posts = api.calls.filter((c) => c.path.endsWith('chat.postMessage') && c.body.thread_ts === a.ts);
      if (posts.length === 0) lost += 1;
      if (posts.length > 1) doubled += 1;
      const first = posts[0];
      if (first) answerMs.push(Number(first.atNs - (started.get(a.ts) ?? 0n)) / 1e6);
    }
    const ackMs = acks.map((a) => a.ackMs).sort((x, y) => x - y);
    answerMs.sort((x, y) => x - y);
    const ackP99 = percentile(ackMs, 99);
    const answerP99 = percentile(answerMs, 99);
    print(`== Slack: ${EVENTS} concurrent signed events on loopback ==`);
    print(
      `  HTTP status: ${[...new Set(acks.map((a) => a.status))].join(', ')}; lost ${lost}, answered twice ${doubled}`,
    );
    print(
      `  acknowledged: p50 ${percentile(ackMs, 50).toFixed(1)} ms  p99 ${ackP99.toFixed(1)} ms  [target < ${TARGETS.ackP99Ms} ms: ${ackP99 < TARGETS.ackP99Ms ? 'met' : 'NOT MET'}]`,
    );
    print(
      `  answer posted: p50 ${percentile(answerMs, 50).toFixed(1)} ms  p99 ${answerP99.toFixed(1)} ms  [target < ${TARGETS.answerP99Ms} ms: ${answerP99 < TARGETS.answerP99Ms ? 'met' : 'NOT MET'}]`,
    );
  } finally {
    agent.destroy();
    sofo.stop();
    await api.stop();
  }
}

/** Slack's side of the wire: plain node:http with kept-alive connections, as a sender at scale would use. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function send(base: string, question: string, ts = nextTs()): Promise<{ status: number }> {
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: 'T000FAKE',
    api_app_id: 'A000FAKEAPP',
    event_id: `Ev${ts.replace('.', '')}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_mention',
      user: 'U000FAKEUSR1',
      text: `<@U000FAKEBOT> ${question}`,
      ts,
      event_ts: ts,
      channel: 'C000FAKECHN1',
    },
    authorizations: [{ team_id: 'T000FAKE', user_id: 'U000FAKEBOT', is_bot: true }],
  });
  return new Promise((resolve, reject) => {
    const req = request(`${base}/slack/events`, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...signSlack(body, SECRET),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

if (require.main === module) {
  benchSlack((line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(`bench:slack failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
