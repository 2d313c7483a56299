import { MAX_STORED_CHARS, PLACEHOLDERS, scrub, scrubForStorage } from '../src/core/text/scrub';

describe('scrub', () => {
  it.each([
    ['mejla anna.svensson@nordanstig.se om avtalet', `mejla ${PLACEHOLDERS.email} om avtalet`],
    ['ring mig på 070-123 45 67 i morgon', `ring mig på ${PLACEHOLDERS.phone} i morgon`],
    ['mitt nummer är +46 70 123 45 67', `mitt nummer är ${PLACEHOLDERS.phone}`],
    ['personnummer 19800101-1234 gäller', `personnummer ${PLACEHOLDERS.personnummer} gäller`],
    ['pnr 8001011234', `pnr ${PLACEHOLDERS.personnummer}`],
    ['se https://x.se/a?token=abc&u=1 här', `se ${PLACEHOLDERS.url} här`],
  ])('masks %s', (input, expected) => {
    expect(scrub(input)).toBe(expected);
  });

  it.each([
    'sedan 2014 får myndigheter ställa krav',
    'LOU 4 kap. 18 §',
    'läs https://www.coompanion.se/ om rådgivning',
    'vi har 250 anställda',
  ])('leaves %s alone', (input) => {
    expect(scrub(input)).toBe(input);
  });

  it('clips what is stored and stays linear on hostile input', () => {
    expect(scrubForStorage('a'.repeat(10_000)).length).toBe(MAX_STORED_CHARS);
    const hostile = `${'1-'.repeat(50_000)}@${'a.'.repeat(50_000)}`;
    expect(typeof scrub(hostile)).toBe('string');
  });
});
