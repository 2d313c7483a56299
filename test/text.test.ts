import { Vocabulary } from '../src/core/matching/vocabulary';
import { cleanText, MAX_QUESTION_CHARS } from '../src/core/text/clean';
import { LanguageGuesser } from '../src/core/text/language';
import { stem } from '../src/core/text/stem';
import { fold, tokenize } from '../src/core/text/tokenize';

describe('cleanText', () => {
  it('drops chat mention syntax, HTML and Markdown but keeps link labels', () => {
    expect(cleanText('<!channel> <@U123ABC> hej <b>där</b> *viktigt* <https://x.se|länken>')).toBe(
      'hej där viktigt länken',
    );
  });

  it('replaces control characters and collapses whitespace', () => {
    expect(cleanText('a\u0000b\u200bc\n\t d')).toBe('a b c d');
  });

  it('bounds the length of what the matcher sees', () => {
    expect(cleanText('ord '.repeat(100_000)).length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
  });
});

describe('tokenize and fold', () => {
  it('lower-cases and splits on anything but letters and digits', () => {
    expect(tokenize('Vad är ASF-företag? Sedan 2014!')).toEqual([
      'vad',
      'är',
      'asf',
      'företag',
      'sedan',
      '2014',
    ]);
  });

  it('folds Swedish diacritics for comparison', () => {
    expect(fold('sysselsättning göteborg åtgärd')).toBe('sysselsattning goteborg atgard');
  });
});

describe('stem', () => {
  it('uses the Swedish stemmer for Swedish inflections', () => {
    expect(stem('upphandlingarna', 'sv')).toBe(stem('upphandling', 'sv'));
    expect(stem('fruktkorgar', 'sv')).toBe(stem('fruktkorg', 'sv'));
  });

  it('uses the English stemmer for English', () => {
    expect(stem('contracts', 'en')).toBe(stem('contract', 'en'));
  });
});

describe('Vocabulary', () => {
  const vocabulary = new Vocabulary('sv');
  for (const w of [
    'frukt',
    'fruktkorgar',
    'avtal',
    'sysselsattning',
    'krav',
    'gavor',
    'upphandling',
    'utbildning',
  ]) {
    vocabulary.add(w);
  }

  // Parts are compared as stems: that is what the index looks them up by.
  const stems = (parts: string[] | undefined) => parts?.map((p) => stem(p, 'sv'));

  it('splits compounds into known parts, with linking letters', () => {
    expect(vocabulary.splitCompound('sysselsattningskrav')).toEqual(['sysselsattning', 'krav']);
    expect(stems(vocabulary.splitCompound('fruktkorgsavtal'))).toEqual(stems(['fruktkorgar', 'avtal']));
    expect(stems(vocabulary.splitCompound('gavoupphandling'))).toEqual(stems(['gavor', 'upphandling']));
  });

  it('does not split words whose parts are unknown', () => {
    expect(vocabulary.splitCompound('momssatsen')).toBeUndefined();
    expect(vocabulary.splitCompound('krav')).toBeUndefined();
  });

  it('corrects a typo to the nearest known word', () => {
    expect(vocabulary.correct('utbilding')).toEqual(['utbildning']);
    expect(vocabulary.correct('upphandlig')).toEqual(['upphandling']);
  });

  it('leaves short and unrelated words alone', () => {
    expect(vocabulary.correct('väder')).toEqual([]);
    expect(vocabulary.correct('krv')).toEqual([]);
  });
});

describe('LanguageGuesser', () => {
  const guesser = new LanguageGuesser({
    sv: ['vad', 'är', 'ett', 'kontrakt'],
    en: ['what', 'is', 'a', 'contract'],
  });

  it('tells Swedish from English by the words each knows', () => {
    expect(guesser.guess(tokenize('What is a contract'))).toBe('en');
    expect(guesser.guess(tokenize('vad ar ett kontrakt'))).toBe('sv');
  });

  it('takes å, ä and ö as Swedish, and Swedish when in doubt', () => {
    expect(guesser.guess(tokenize('Göteborg'))).toBe('sv');
    expect(guesser.guess(tokenize('Nordanstig'))).toBe('sv');
  });
});
