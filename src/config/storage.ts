import { ConfigError } from './errors';

/** Where Sofo keeps its state, and for how long. */
export interface StorageConfig {
  /** SOFO_DATABASE_URL: PostgreSQL, for one or many instances; without it the lowdb file (SOFO_DATA). */
  databaseUrl?: string;
  /** SOFO_PSEUDONYM_KEY: the key of the user pseudonyms; without it a key file beside the data file. */
  pseudonymKey?: string;
  /** SOFO_RETENTION_DAYS: votes (and the editors' inbox) are deleted this many days after they came. */
  retentionDays: number;
}

export function readStorage(env: NodeJS.ProcessEnv): StorageConfig {
  const databaseUrl = env.SOFO_DATABASE_URL?.trim() || undefined;
  if (databaseUrl) {
    let url: URL | undefined;
    try {
      url = new URL(databaseUrl);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
      throw new ConfigError(
        'SOFO_DATABASE_URL',
        'must be a PostgreSQL address such as postgres://sofo:secret@localhost:5432/sofo',
      );
    }
  }
  const pseudonymKey = env.SOFO_PSEUDONYM_KEY?.trim() || undefined;
  if (pseudonymKey !== undefined && pseudonymKey.length < 32) {
    throw new ConfigError(
      'SOFO_PSEUDONYM_KEY',
      `must be at least 32 characters of random text (got ${pseudonymKey.length}); make one with: openssl rand -hex 32`,
    );
  }
  if (databaseUrl && !pseudonymKey) {
    throw new ConfigError(
      'SOFO_PSEUDONYM_KEY',
      'is missing: with SOFO_DATABASE_URL every instance must use the same pseudonym key, and it must not be in the database; make one with: openssl rand -hex 32',
    );
  }
  const days = env.SOFO_RETENTION_DAYS?.trim() || '90';
  const retentionDays = Number(days);
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 3650) {
    throw new ConfigError('SOFO_RETENTION_DAYS', `must be a whole number of days, 1–3650, got "${days}"`);
  }
  return {
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(pseudonymKey ? { pseudonymKey } : {}),
    retentionDays,
  };
}

/** The address with its password replaced, for messages and logs. */
export function redactUrl(address: string): string {
  try {
    const url = new URL(address);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unreadable address)';
  }
}
