import type { Problem } from '../problems';
import type { Finding } from './finding';

/**
 * Swedish for the loader's messages (which are English, as the server logs them). Each pattern is one
 * message template of load.ts, schema.ts and yaml-errors.ts; a message without a pattern is shown in
 * English, which is still better than nothing.
 */
const SWEDISH: [RegExp, (...groups: string[]) => string][] = [
  [/^the YAML cannot be read: (.*)$/, (rest = '') => `YAML-texten går inte att läsa: ${swedish(rest)}`],
  [
    /^a tab must not be used for indentation – use spaces$/,
    () => 'en tabb får inte användas för indrag – använd mellanslag',
  ],
  [
    /^the indentation does not line up with the lines above – .*$/,
    () =>
      'indraget stämmer inte med raderna ovanför – dra in med lika många mellanslag som de andra raderna på samma nivå',
  ],
  [
    /^this line cannot be read – .*$/,
    () =>
      'raden går inte att läsa – saknas ett kolon efter fältnamnet, eller innehåller en text ": " utan citattecken runt?',
  ],
  [
    /^a field name appears twice at the same level – .*$/,
    () => 'ett fältnamn står två gånger på samma nivå – ta bort det ena',
  ],
  [
    /^a text starts with a special character \((.*)\) – .*$/,
    (chars = '') => `en text börjar med ett specialtecken (${chars}) – sätt hela texten inom citattecken`,
  ],
  [
    /^a bracket or quotation mark is not closed – .*$/,
    () =>
      'en hakparentes eller ett citattecken stängs inte – avsluta listan med ] eller texten med samma citattecken som den börjar med',
  ],
  [
    /^a list started with \[ \(or a group with \{\) is not closed – .*$/,
    () =>
      'en lista som börjar med [ (eller en grupp med {) stängs inte – avsluta den med ] (eller }) på samma rad',
  ],
  [
    /^the YAML cannot be read \((.*)\) – check the indentation, and quote texts containing ": "$/,
    (what = '') =>
      `YAML-texten går inte att läsa (${what}) – kontrollera indraget, och sätt texter som innehåller ": " inom citattecken`,
  ],
  [/^is missing$/, () => 'saknas'],
  [/^must not be empty$/, () => 'får inte vara tomt'],
  [/^must be a text$/, () => 'måste vara en text'],
  [/^must be a list \(lines starting with "- "\)$/, () => 'måste vara en lista (rader som börjar med "- ")'],
  [/^must be a group of fields \(sv:, en: …\)$/, () => 'måste vara en grupp av fält (sv:, en: …)'],
  [/^must be a number$/, () => 'måste vara ett tal'],
  [
    /^contains ": " and was read as a field name – .*$/,
    () =>
      'innehåller ": " och lästes som ett fältnamn – sätt hela texten inom citattecken, t.ex. "Catering: kan vi …"',
  ],
  [
    /^unknown fields? (.*)$/,
    (keys = '') => `okänt fält ${keys} – kontrollera stavningen (fältnamnen står i knowledge/README.md)`,
  ],
  [/^must be one of: (.*)$/, (list = '') => `måste vara något av: ${list}`],
  [
    /^must be lower-case letters a-z, digits and dashes \(e\.g\. (.*)\)$/,
    (example = '') => `får bara innehålla små bokstäver a–z, siffror och bindestreck (t.ex. ${example})`,
  ],
  [
    /^must be a full web address starting with https:\/\/$/,
    () => 'måste vara en fullständig webbadress som börjar med https://',
  ],
  [/^must be an e-mail address such as (.*)$/, (e = '') => `måste vara en e-postadress, t.ex. ${e}`],
  [/^must be a phone number such as (.*)$/, (p = '') => `måste vara ett telefonnummer, t.ex. ${p}`],
  [/^needs at least one Swedish phrase$/, () => 'behöver minst en fras på svenska'],
  [/^needs at least one English phrase$/, () => 'behöver minst en fras på engelska'],
  [
    /^is too long: keep a tip under (\d+) characters$/,
    (n = '') => `är för långt: ett tips får vara högst ${n} tecken`,
  ],
  [
    /^must start with "tip-", then lower-case letters, digits and dashes$/,
    () => 'måste börja med "tip-" följt av små bokstäver, siffror och bindestreck',
  ],
  [
    /^no contact with id "([^"]*)"(?: \(did you mean (.*)\?\))?$/,
    (id = '', near) =>
      `ingen kontaktperson har id "${id}"${near ? ` (menade du ${near}?)` : ''} – id:n finns i knowledge/contacts.yaml`,
  ],
  [
    /^no entry with id "([^"]*)"(?: \(did you mean (.*)\?\))?$/,
    (id = '', near) => `inget svar har id "${id}"${near ? ` (menade du ${near}?)` : ''}`,
  ],
  [
    /^"(.*)" is already the id of (.*)$/,
    (id = '', file = '') => `"${id}" är redan id för ${file} – ge det här svaret ett eget id`,
  ],
  [/^the id "(.*)" is used twice$/, (id = '') => `id:t "${id}" används två gånger – varje id ska vara unikt`],
  [
    /^"(.*)" is reserved for a conversation intent$/,
    (id = '') => `"${id}" är reserverat för ett samtalsflöde i intents/ – välj ett annat id`,
  ],
  [/^must be "(.*)", as the file name says$/, (id = '') => `måste vara "${id}", som filnamnet säger`],
  [/^the file is missing$/, () => 'filen saknas'],
  [
    /^has no front matter: .*$/,
    () => 'saknar huvud: filen måste börja med ett block mellan två rader "---" (se knowledge/README.md)',
  ],
  [
    /^the (Swedish|English) answer is missing: add a "## (sv|en)" heading followed by the text$/,
    (l = '', code = '') =>
      `det ${l === 'Swedish' ? 'svenska' : 'engelska'} svaret saknas: lägg till rubriken "## ${code}" och skriv texten under den`,
  ],
  [
    /^the "## (sv|en)" section \((?:Swedish|English) answer\) is empty$/,
    (code = '') => `avsnittet "## ${code}" är tomt – skriv svaret under rubriken`,
  ],
  [
    /^a second "## (sv|en)" section$/,
    (code = '') => `ett andra avsnitt "## ${code}" – slå ihop dem till ett`,
  ],
  [
    /^the (Swedish|English) answer is (\d+) characters; keep it under (\d+) .*$/,
    (l = '', n = '', max = '') =>
      `det ${l === 'Swedish' ? 'svenska' : 'engelska'} svaret är ${n} tecken; håll det under ${max} (chattkort kortar längre texter)`,
  ],
  [
    /^the (Swedish|English) answer opens with "(.*?)": .*$/,
    (l = '', verdict = '') =>
      `det ${l === 'Swedish' ? 'svenska' : 'engelska'} svaret börjar med "${verdict}": samma text svarar på frågor som ställs åt båda hållen ("är det tillåtet …?", "är det förbjudet …?") – börja med fakta i stället, t.ex. "Enligt guiden …"`,
  ],
];

function swedish(message: string): string {
  for (const [pattern, say] of SWEDISH) {
    const match = pattern.exec(message);
    if (match) return say(...match.slice(1).map((g) => g as string));
  }
  return message;
}

/** A loader problem as a kb check finding: always an error (the knowledge does not load). */
export function problemFinding(p: Problem): Finding {
  return {
    severity: 'error',
    file: p.file,
    ...(p.line !== undefined ? { line: p.line } : {}),
    ...(p.field ? { field: p.field } : {}),
    sv: swedish(p.message),
    en: p.message,
  };
}
