import type { ExportRow } from '../../core/knowledge/export';
import type { Prediction } from '../evaluate';

/** One row of `sofo kb export --json`: an entry in one language. What every peer is trained on. */
export type { ExportRow };

/** An intent's example phrases in one language (greeting, thanks, help, list-cases), as in intents/. */
export interface IntentRow {
  id: string;
  lang: 'sv' | 'en';
  phrases: string[];
}

/** Another engine, trained or indexed on the same export, answering the same dev-set questions. */
export interface Peer {
  readonly name: string;
  /** Time to train or index, in milliseconds. */
  readonly buildMs: number;
  /** How it was set up, printed under the table so the comparison can be checked. */
  readonly setup: string;
  /** The predicted id (entry id, intent id or 'fallback') and reply language. */
  predict(question: string): Prediction | Promise<Prediction>;
}
