import type { Config } from '../config/config';
import { pseudonymKey } from './keys';
import { LowdbStore } from './lowdb-store';
import { PgStore } from './pg/pg-store';
import { type Pseudonymize, pseudonymizer } from './pseudonym';
import type { Store } from './store';

export interface OpenedStore {
  store: Store;
  pseudonymize: Pseudonymize;
  /** Where the data is, for the start-up line (no password). */
  where: string;
}

/** PostgreSQL when SOFO_DATABASE_URL is set, otherwise the lowdb file; and the pseudonym key. */
export async function openStore(config: Config, log: (line: string) => void): Promise<OpenedStore> {
  const { databaseUrl, pseudonymKey: configured } = config.storage;
  const key = pseudonymKey(configured, config.dataFile);
  if (databaseUrl) {
    const store = await PgStore.open(databaseUrl, log);
    return { store, pseudonymize: pseudonymizer(key), where: store.label };
  }
  const store = await LowdbStore.open(config.dataFile);
  return { store, pseudonymize: pseudonymizer(key), where: config.dataFile };
}

/** Runs `work` on the configured store and closes it after (a CLI command's whole use of the store). */
export async function withStore<T>(
  config: Config,
  work: (opened: OpenedStore) => Promise<T>,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<T> {
  const opened = await openStore(config, log);
  try {
    return await work(opened);
  } finally {
    await opened.store.close();
  }
}
