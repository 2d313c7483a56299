/**
 * The PostgreSQL schema, as numbered steps run in order at start-up (each once, in a transaction,
 * recorded in sofo_schema). Never edit a step that has shipped: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: what the lowdb store holds, with the uniqueness the contract relies on as keys.
  `
  CREATE TABLE votes (
    reply text NOT NULL,
    user_key text NOT NULL,
    entry_id text NOT NULL,
    question text NOT NULL,
    vote text NOT NULL CHECK (vote IN ('up', 'down')),
    platform text NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (reply, user_key)
  );
  CREATE INDEX votes_at ON votes (at);
  CREATE INDEX votes_user ON votes (user_key);

  CREATE TABLE conversations (
    platform text NOT NULL,
    id text NOT NULL,
    reference jsonb NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (platform, id)
  );

  CREATE TABLE subscriptions (
    id text PRIMARY KEY,
    platform text NOT NULL,
    target text NOT NULL,
    lang text NOT NULL,
    start_offset integer NOT NULL,
    cursor integer NOT NULL,
    since text NOT NULL,
    source text NOT NULL,
    created serial
  );

  CREATE TABLE deliveries (
    subscription_id text NOT NULL,
    slot text NOT NULL,
    tip_id text NOT NULL,
    state text NOT NULL CHECK (state IN ('claimed', 'sent', 'failed')),
    claimant text NOT NULL,
    claimed_at timestamptz NOT NULL,
    attempted_at timestamptz,
    completed_at timestamptz,
    PRIMARY KEY (subscription_id, slot)
  );

  CREATE TABLE processed_events (
    id text PRIMARY KEY,
    at timestamptz NOT NULL
  );
  CREATE INDEX processed_events_at ON processed_events (at);
  `,
  // 2: the editors' inbox and the dashboard's counters (nothing in either points to a person).
  `
  CREATE TABLE inbox (
    id text PRIMARY KEY,
    text text NOT NULL,
    lang text NOT NULL,
    outcome text NOT NULL,
    candidates jsonb NOT NULL,
    channel text NOT NULL,
    at text NOT NULL,
    key text NOT NULL,
    seq bigserial
  );
  CREATE INDEX inbox_at ON inbox (at);
  CREATE INDEX inbox_key ON inbox (key);

  CREATE TABLE inbox_ignored (key text PRIMARY KEY, seq bigserial);

  CREATE TABLE counters (
    week text NOT NULL,
    event text NOT NULL,
    entry_id text NOT NULL,
    lang text NOT NULL,
    channel text NOT NULL,
    count bigint NOT NULL,
    seq bigserial,
    PRIMARY KEY (week, event, entry_id, lang, channel)
  );
  `,
  // 3: who to tell when a tips subscription ends (the platform's user id, only for that message), and
  // subscriptions waiting for Sofo to be invited.
  `
  ALTER TABLE subscriptions ADD COLUMN subscriber text;
  ALTER TABLE subscriptions ADD COLUMN pending boolean NOT NULL DEFAULT false;
  `,
];
