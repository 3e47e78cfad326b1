/** String metrics on already-normalised tokens. Kept allocation-light: they run in the query hot loop. */

const jaroFlagsA = new Uint8Array(256);
const jaroFlagsB = new Uint8Array(256);

export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > 255 || lb > 255) return a === b ? 1 : 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  jaroFlagsA.fill(0, 0, la);
  jaroFlagsB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (jaroFlagsB[j] === 0 && b.charCodeAt(j) === c) {
        jaroFlagsA[i] = 1;
        jaroFlagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (jaroFlagsA[i] === 0) continue;
    while (jaroFlagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - transpositions / 2) / m) / 3;
}

export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  const max = Math.min(4, a.length, b.length);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

let levRow = new Uint16Array(64);

/** Levenshtein distance; gives up (returns `max + 1`) once the distance must exceed `max`. */
export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length < b.length) [a, b] = [b, a];
  const lb = b.length;
  if (lb === 0) return a.length;
  if (levRow.length < lb + 1) levRow = new Uint16Array(lb + 1);
  const row = levRow;
  for (let j = 0; j <= lb; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    let rowMin = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const tmp = row[j];
      const cost = c === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(row[j] + 1, row[j - 1] + 1, prev + cost);
      row[j] = v;
      prev = tmp;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return row[lb];
}

/** 1 - distance / longer length. */
export function levenshteinRatio(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  if (n === 0) return 1;
  return 1 - levenshtein(a, b) / n;
}

let osaPrev2 = new Uint16Array(64);
let osaPrev = new Uint16Array(64);
let osaCur = new Uint16Array(64);

/**
 * Optimal-string-alignment distance: Levenshtein where swapping two neighbouring letters (ABUDL / ABDUL)
 * is one edit, the commonest typing slip. Gives up (returns `max + 1`) once it must exceed `max`.
 */
export function osaDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  if (osaCur.length < lb + 1) {
    osaPrev2 = new Uint16Array(lb + 1);
    osaPrev = new Uint16Array(lb + 1);
    osaCur = new Uint16Array(lb + 1);
  }
  let p2 = osaPrev2;
  let p = osaPrev;
  let c = osaCur;
  for (let j = 0; j <= lb; j++) p[j] = j;
  for (let i = 1; i <= la; i++) {
    c[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        v = Math.min(v, p2[j - 2] + 1);
      c[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [p2, p, c] = [p, c, p2];
  }
  return p[lb];
}
