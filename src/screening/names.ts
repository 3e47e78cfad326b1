/**
 * The one seam between the matcher and the name-text module (src/screening/text: normalisation,
 * romanization, phonetic keys, company/stop words). Everything in the matcher goes through here, so the
 * matcher never grows its own copy of those rules.
 *
 * TEMPORARY: until src/screening/text/index.ts lands, these are deliberately naive stand-ins (accent folding,
 * lower case, split on non-letters) so the index and scoring can be built and tested; they are replaced by
 * re-exports of the text module.
 */

export function normalize(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function latinize(s: string): string[] {
  return [normalize(s)];
}

export function nameTokens(name: string): string[] {
  return normalize(name).split(' ').filter(Boolean);
}

export function tokenKey(token: string): string {
  return token;
}

export function isCompanyWord(_token: string): boolean {
  return false;
}

export function isStopWord(_token: string): boolean {
  return false;
}

export function isParticle(_token: string): boolean {
  return false;
}
