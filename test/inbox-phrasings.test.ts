import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EntryFileError, samePhrasing, withQuestions } from '../src/inbox/phrasings';
import { FIXTURE_KNOWLEDGE_DIR } from './helpers/engine';

const FILE = `---
id: guide-x            # stabilt id – ändra aldrig
type: guide
title:
  sv: Rubrik
  en: Title
questions:                # 10–15 per språk
  sv:
    - Finns det kurser?   # den vanligaste
    - "Fråga: med kolon"
  en: [Is there a course?]
keywords:
  sv: [kurs, "2020"]
  en: [course]
---

## sv

Svar.

## en

Answer.
`;

describe('adding phrasings to an entry file', () => {
  it('appends to questions and changes nothing else: comments, quotes, flow lists, body', () => {
    const out = withQuestions(FILE, {
      sv: ['kurs i upphandling?', 'Utbildning: finns det?'],
      en: ['any course'],
    });
    const added = out.split('\n').filter((line) => !FILE.split('\n').includes(line));
    expect(added).toEqual([
      '    - kurs i upphandling?',
      '    - "Utbildning: finns det?"',
      '  en: [Is there a course?, any course]',
    ]);
    const undone = out
      .replace('    - kurs i upphandling?\n    - "Utbildning: finns det?"\n', '')
      .replace('[Is there a course?, any course]', '[Is there a course?]');
    expect(undone).toBe(FILE);
    const front = parse(out.split('---')[1] ?? '');
    expect(front.questions.sv).toEqual([
      'Finns det kurser?',
      'Fråga: med kolon',
      'kurs i upphandling?',
      'Utbildning: finns det?',
    ]);
    expect(out.endsWith('## en\n\nAnswer.\n')).toBe(true);
    expect(out).toContain('id: guide-x            # stabilt id – ändra aldrig');
  });

  it('keeps every knowledge file byte for byte apart from the added line', () => {
    const dir = FIXTURE_KNOWLEDGE_DIR;
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.md') && !f.endsWith('README.md'),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const raw = readFileSync(join(dir, file), 'utf8');
      const out = withQuestions(raw, { sv: ['ny fråga: om kurser?'], en: [] });
      expect(out.replace(/\n {4}- "ny fråga: om kurser\?"(?=\n)/, '')).toBe(raw);
    }
  });

  it('refuses a file without front matter, or whose YAML cannot be read', () => {
    expect(() => withQuestions('## sv\n\ntext', { sv: ['a'], en: [] })).toThrow(EntryFileError);
    expect(() => withQuestions('---\nid: [x\n---\n', { sv: ['a'], en: [] })).toThrow(EntryFileError);
  });

  it('compares phrasings without case, spacing or end punctuation', () => {
    expect(samePhrasing(' Finns det  KURSER? ')).toBe(samePhrasing('finns det kurser'));
  });
});
