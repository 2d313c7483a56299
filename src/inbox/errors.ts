/** What an inbox action refuses, with what an editor (or the admin API's status code) needs. */
export class InboxError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'InboxError';
  }
}
