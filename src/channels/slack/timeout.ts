/**
 * A Web API call that must not hold up an answer due within Slack's 3 seconds: its result, or
 * undefined once `ms` have passed (the call itself, and the client's retries, are then ignored).
 */
export async function within<T>(call: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  call.catch(() => undefined); // a failure after the deadline has nobody to tell
  try {
    return await Promise.race([call, late]);
  } finally {
    clearTimeout(timer);
  }
}
