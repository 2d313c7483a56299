import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { editDistance } from '../../matching/distance';
import type { KnowledgeBase } from '../model';
import { YamlSource } from '../yaml-source';
import type { Finding } from './finding';
import type { Locator } from './locate';

/** knowledge/links.yaml: the sites entries may link to (home pages), and the few deeper pages vetted. */
export interface LinkPolicy {
  hosts: string[];
  pages: string[];
}

const policySchema = z.strictObject({
  hosts: z.array(z.string().regex(/^[a-z0-9.-]+$/, 'must be a host name such as www.example.se')).min(1),
  pages: z.array(z.url({ protocol: /^https$/, error: 'must be a full https:// address' })).default([]),
});

export const LINKS_FILE = 'links.yaml';

export function readLinkPolicy(
  knowledgeDir: string,
  root: string,
): { policy?: LinkPolicy; findings: Finding[] } {
  const path = join(knowledgeDir, LINKS_FILE);
  const file = relative(root, path) || path;
  if (!existsSync(path)) {
    return {
      findings: [
        {
          severity: 'error',
          file,
          sv: 'filen saknas: den listar vilka webbplatser svaren får länka till (hosts:) – skapa den',
          en: 'the file is missing: it lists the sites answers may link to (hosts:) – create it',
        },
      ],
    };
  }
  const source = new YamlSource(file, readFileSync(path, 'utf8'));
  const policy = source.ok ? source.parse(policySchema) : undefined;
  return {
    ...(policy ? { policy } : {}),
    findings: source.problems.map((p) => ({
      severity: 'error' as const,
      file: p.file,
      ...(p.line !== undefined ? { line: p.line } : {}),
      ...(p.field ? { field: p.field } : {}),
      sv: p.message,
      en: p.message,
    })),
  };
}

interface LinkAt {
  url: string;
  file: string;
  field: string;
  path: (string | number)[];
}

/** Every link of every entry and of the fallback reply: https only, allowed hosts, home pages only. */
export function checkLinks(
  kb: KnowledgeBase,
  policy: LinkPolicy,
  fallbackFile: string,
  locate: Locator,
): Finding[] {
  const links: LinkAt[] = [
    ...kb.entries.flatMap((entry) =>
      entry.links.map((link, i) => ({
        url: link.url,
        file: entry.file,
        field: `links[${i}].url`,
        path: ['links', i, 'url'],
      })),
    ),
    ...kb.fallback.links.map((link, i) => ({
      url: link.url,
      file: fallbackFile,
      field: `links[${i}].url`,
      path: ['links', i, 'url'],
    })),
  ];
  return links.flatMap((link) => {
    const problem = linkProblem(link.url, policy);
    if (!problem) return [];
    const line = locate.line(link.file, link.path);
    return [
      {
        severity: 'error',
        file: link.file,
        ...(line !== undefined ? { line } : {}),
        field: link.field,
        ...problem,
      },
    ];
  });
}

function linkProblem(raw: string, policy: LinkPolicy): { sv: string; en: string } | undefined {
  const url = new URL(raw);
  if (url.protocol !== 'https:') {
    const fixed = raw.replace(/^http:/, 'https:');
    return {
      sv: `"${raw}" börjar med ${url.protocol}// – använd https://, t.ex. ${fixed}`,
      en: `"${raw}" starts with ${url.protocol}// – use https://, e.g. ${fixed}`,
    };
  }
  if (policy.pages.includes(raw)) return undefined;
  const host = url.hostname;
  if (!policy.hosts.includes(host)) {
    const near = nearest(host, policy.hosts);
    return {
      sv: `${host} finns inte bland de tillåtna webbplatserna i knowledge/${LINKS_FILE}${near ? ` (menade du ${near}?)` : ''} – länka till en av dem, eller be den som sköter listan lägga till webbplatsen`,
      en: `${host} is not one of the allowed sites in knowledge/${LINKS_FILE}${near ? ` (did you mean ${near}?)` : ''} – link to one of them, or ask whoever keeps the list to add the site`,
    };
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    const home = `https://${host}`;
    return {
      sv: `länka till startsidan ${home}, inte till en djupare sida (adresser på djupare sidor ändras och kan inte kontrolleras) – skriv i länktiteln var på webbplatsen man hittar det, t.ex. "… – sök efter … där"`,
      en: `link to the home page ${home}, not to a deeper page (deeper addresses change and cannot be checked) – say in the link title where on the site to find it, e.g. "… – search for … there"`,
    };
  }
  return undefined;
}

function nearest(host: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of known) {
    const d = editDistance(host, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
