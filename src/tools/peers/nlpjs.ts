import type { Prediction } from '../evaluate';
import { timeMsAsync } from './measure';
import type { ExportRow, IntentRow, Peer } from './peer';

/** The little of node-nlp's NlpManager used here (the package ships no types). */
interface NlpManager {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(utterance: string): Promise<{ locale?: string; intent?: string; score?: number }>;
}

type NlpManagerClass = new (settings: Record<string, unknown>) => NlpManager;

/** NLP.js answers with its best intent when it scores at least this, as the issue asks. */
const MIN_SCORE = 0.5;

/**
 * NLP.js: one intent per entry id, trained on the entry's questions and title in each language plus the
 * greeting/thanks/help/list-cases phrases. node-nlp is loaded here, only when the bench gets this far:
 * it is large and a dev dependency.
 */
export async function nlpJsPeer(rows: readonly ExportRow[], intents: readonly IntentRow[]): Promise<Peer> {
  const { NlpManager } = require('node-nlp') as { NlpManager: NlpManagerClass };
  const manager = new NlpManager({
    languages: ['sv', 'en'],
    nlu: { log: false },
    autoSave: false,
    autoLoad: false,
    // Only the intent is scored; sentiment analysis would add time to every question for nothing.
    calculateSentiment: false,
  });
  const buildMs = await timeMsAsync(async () => {
    for (const row of rows) {
      for (const utterance of [...row.questions, row.title]) manager.addDocument(row.lang, utterance, row.id);
    }
    for (const intent of intents) {
      for (const phrase of intent.phrases) manager.addDocument(intent.lang, phrase, intent.id);
    }
    await quietly(() => manager.train());
  });
  return {
    name: 'NLP.js',
    buildMs,
    setup:
      "NlpManager(['sv','en']), one intent per entry id (questions + title per language) and the " +
      'greeting/thanks/help/list-cases phrases; process(text) detects the language (else sv); ' +
      `answer = intent if score ≥ ${MIN_SCORE} and not None, else fallback; sentiment off`,
    predict: async (question): Promise<Prediction> => {
      const result = await manager.process(question);
      const lang = result.locale ?? 'sv';
      const ok = result.intent && result.intent !== 'None' && (result.score ?? 0) >= MIN_SCORE;
      return { id: ok ? (result.intent as string) : 'fallback', lang };
    },
  };
}

/** Training logs progress to the console in some versions whatever `log` says; keep the bench's output clean. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => {};
  try {
    return await run();
  } finally {
    console.log = log;
  }
}
