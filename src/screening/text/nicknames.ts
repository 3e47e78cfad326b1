/**
 * English short forms of given names (`Ted` = `Theodore`, `Bill` = `William`): not spelling variants, so no
 * phonetic key reaches them. A short form may stand for several names (`Ted`: Theodore, Edward).
 */

const SHORT_FORMS: Record<string, readonly string[]> = {
  abe: ['abraham'],
  al: ['albert', 'alfred', 'alan', 'allan'],
  alex: ['alexander', 'alexandra', 'alexandre', 'alexei', 'aleksandr'],
  andy: ['andrew'],
  bill: ['william'],
  billy: ['william'],
  bob: ['robert'],
  bobby: ['robert'],
  charlie: ['charles'],
  chuck: ['charles'],
  dan: ['daniel'],
  danny: ['daniel'],
  dave: ['david'],
  dick: ['richard'],
  ed: ['edward', 'edwin', 'edmund'],
  eddie: ['edward'],
  fred: ['frederick', 'alfred', 'frederic'],
  greg: ['gregory'],
  hank: ['henry'],
  harry: ['henry', 'harold'],
  jim: ['james'],
  jimmy: ['james'],
  joe: ['joseph'],
  jack: ['john'],
  johnny: ['john'],
  ken: ['kenneth'],
  kate: ['katherine', 'catherine', 'kathryn'],
  larry: ['lawrence', 'laurence'],
  liz: ['elizabeth'],
  beth: ['elizabeth'],
  betty: ['elizabeth'],
  matt: ['matthew'],
  mike: ['michael'],
  nick: ['nicholas', 'nikolai'],
  pat: ['patrick', 'patricia'],
  peggy: ['margaret'],
  maggie: ['margaret'],
  pete: ['peter'],
  phil: ['philip', 'phillip'],
  ron: ['ronald'],
  sam: ['samuel', 'samantha'],
  steve: ['steven', 'stephen'],
  sue: ['susan', 'suzanne'],
  ted: ['theodore', 'edward'],
  teddy: ['theodore', 'edward'],
  tom: ['thomas'],
  tony: ['anthony', 'antonio'],
  vince: ['vincent'],
  will: ['william'],
  sasha: ['alexander', 'aleksandr', 'alexandra'],
  volodya: ['vladimir'],
  misha: ['mikhail'],
  dima: ['dmitry', 'dmitri'],
  kolya: ['nikolai'],
  seryozha: ['sergei', 'sergey'],
};

const PAIRS = new Set<string>();
for (const [short, names] of Object.entries(SHORT_FORMS))
  for (const name of names) {
    PAIRS.add(`${short} ${name}`);
    PAIRS.add(`${name} ${short}`);
  }

/** Whether one token is a short form of the other (normalized tokens). */
export function isShortFormOf(a: string, b: string): boolean {
  return PAIRS.has(`${a} ${b}`);
}
