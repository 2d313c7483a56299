// The distance module alone: natural's index loads far more than we use (see text/stem.ts).
const levenshtein: {
  DamerauLevenshteinDistance(a: string, b: string, options?: { restricted?: boolean }): number;
} = require('natural/lib/natural/distance/levenshtein_distance');

/**
 * Edit distance counting a swap of two neighbours as one edit ("rådgivnig"/"rådgivning").
 * The restricted variant: natural's unrestricted one returns 0 for some pairs ("sagval"/"sagvall").
 */
export function editDistance(a: string, b: string): number {
  return levenshtein.DamerauLevenshteinDistance(a, b, { restricted: true });
}
