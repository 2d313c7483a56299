/** The data file cannot be used; it names the file and is never fixed by overwriting it. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'StoreError';
  }
}
