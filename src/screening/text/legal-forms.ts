/**
 * Legal forms of organisations: `Limited` = `Ltd`, `Joint Stock Company` = `JSC` = `OAO` = `АО`,
 * `Aktiengesellschaft` = `AG`. A legal form says little about which company a name is, but two different
 * kinds of company (an `AG` and a `GmbH` of one name, a non-profit `ANO` and an `LLC`) are two companies.
 *
 * Every form has a canonical abbreviation and a family; forms of one family are the same kind of company in
 * different languages (LLC = GmbH = ООО = SRL), forms of different families are different kinds. Generic
 * words (`Co`, `Corp`, `Inc`) have no family: they never contradict anything.
 */

/** Written-out forms (normalized tokens, joined by spaces) and the abbreviation they stand for. */
const PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['limited liability company', 'llc'],
  ['limited liability partnership', 'llp'],
  ['limited partnership', 'lp'],
  ['public limited company', 'plc'],
  ['open joint stock company', 'ojsc'],
  ['closed joint stock company', 'cjsc'],
  ['public joint stock company', 'pjsc'],
  ['private joint stock company', 'jsc'],
  ['joint stock company', 'jsc'],
  ['joint stock co', 'jsc'],
  ['stock company', 'jsc'],
  ['otkrytoye aktsionernoye obshchestvo', 'oao'],
  ['otkrytoe aktsionernoe obshchestvo', 'oao'],
  ['zakrytoye aktsionernoye obshchestvo', 'zao'],
  ['zakrytoe aktsionernoe obshchestvo', 'zao'],
  ['publichnoye aktsionernoye obshchestvo', 'pao'],
  ['publichnoe aktsionernoe obshchestvo', 'pao'],
  ['aktsionernoye obshchestvo', 'ao'],
  ['aktsionernoe obshchestvo', 'ao'],
  ['aktsionernoie obshchestvo', 'ao'],
  ['obshchestvo s ogranichennoy otvetstvennostyu', 'ooo'],
  ['obshchestvo s ogranichennoi otvetstvennostiu', 'ooo'],
  ['obschestvo s ogranichennoy otvetstvennostyu', 'ooo'],
  ['avtonomnaya nekommercheskaya organizatsiya', 'ano'],
  ['gesellschaft mit beschrankter haftung', 'gmbh'],
  ['societatea cu raspundere limitata', 'srl'],
  ['societa a responsabilita limitata', 'srl'],
  ['sociedad de responsabilidad limitada', 'srl'],
  ['societe a responsabilite limitee', 'sarl'],
  ['sociedad anonima', 'sa'],
  ['societe anonyme', 'sa'],
  ['societa per azioni', 'spa'],
  ['spolka z ograniczona odpowiedzialnoscia', 'spzoo'],
  ['sp zoo', 'spzoo'],
  ['besloten vennootschap', 'bv'],
  ['naamloze vennootschap', 'nv'],
  ['youxian gongsi', 'youxiangongsi'],
  ['youxian zeren gongsi', 'youxiangongsi'],
  ['gufen youxian gongsi', 'gufengongsi'],
  ['chusik hoesa', 'jusikhoesa'],
  ['jusik hoesa', 'jusikhoesa'],
];

const LIMITED = 'limited-liability';
const STOCK = 'joint-stock';
const PARTNERSHIP = 'partnership';
const NON_PROFIT = 'non-profit';
const STATE = 'state-enterprise';

/** Single-token forms: canonical abbreviation and family ('' for generic words). */
const FORMS: Record<string, readonly [string, string]> = {
  co: ['co', ''],
  company: ['co', ''],
  corp: ['corp', ''],
  corporation: ['corp', ''],
  inc: ['inc', ''],
  incorporated: ['inc', ''],
  ltd: ['ltd', LIMITED],
  limited: ['ltd', LIMITED],
  llc: ['llc', LIMITED],
  gmbh: ['gmbh', LIMITED],
  mbh: ['gmbh', LIMITED],
  ooo: ['ooo', LIMITED],
  ооо: ['ooo', LIMITED],
  tov: ['ooo', LIMITED],
  тов: ['ooo', LIMITED],
  srl: ['srl', LIMITED],
  sarl: ['sarl', LIMITED],
  spzoo: ['spzoo', LIMITED],
  bv: ['bv', LIMITED],
  sro: ['sro', LIMITED],
  doo: ['doo', LIMITED],
  ood: ['ood', LIMITED],
  eood: ['ood', LIMITED],
  kft: ['kft', LIMITED],
  ltda: ['ltda', LIMITED],
  pty: ['pty', LIMITED],
  pte: ['pte', LIMITED],
  youxiangongsi: ['youxiangongsi', LIMITED],
  有限公司: ['youxiangongsi', LIMITED],
  jsc: ['jsc', STOCK],
  ojsc: ['jsc', STOCK],
  cjsc: ['jsc', STOCK],
  pjsc: ['jsc', STOCK],
  ojs: ['jsc', STOCK],
  oao: ['jsc', STOCK],
  zao: ['jsc', STOCK],
  pao: ['jsc', STOCK],
  ao: ['jsc', STOCK],
  оао: ['jsc', STOCK],
  зао: ['jsc', STOCK],
  пао: ['jsc', STOCK],
  ао: ['jsc', STOCK],
  нао: ['jsc', STOCK],
  pat: ['jsc', STOCK],
  пат: ['jsc', STOCK],
  ag: ['ag', STOCK],
  aktiengesellschaft: ['ag', STOCK],
  sa: ['sa', STOCK],
  spa: ['spa', STOCK],
  nv: ['nv', STOCK],
  plc: ['plc', STOCK],
  ab: ['ab', STOCK],
  asa: ['asa', STOCK],
  oyj: ['oyj', STOCK],
  kk: ['kk', STOCK],
  zrt: ['zrt', STOCK],
  nyrt: ['nyrt', STOCK],
  tbk: ['tbk', STOCK],
  jusikhoesa: ['jusikhoesa', STOCK],
  chusikhoesa: ['jusikhoesa', STOCK],
  주식회사: ['jusikhoesa', STOCK],
  gufengongsi: ['gufengongsi', STOCK],
  lp: ['lp', PARTNERSHIP],
  llp: ['llp', PARTNERSHIP],
  kg: ['kg', PARTNERSHIP],
  ohg: ['ohg', PARTNERSHIP],
  kommanditgesellschaft: ['kg', PARTNERSHIP],
  ano: ['ano', NON_PROFIT],
  nko: ['nko', NON_PROFIT],
  fgup: ['gup', STATE],
  gup: ['gup', STATE],
  mup: ['gup', STATE],
  фгуп: ['gup', STATE],
  гуп: ['gup', STATE],
  муп: ['gup', STATE],
};

/** Long written-out forms that are misspelt often enough to be recognised with one slip. */
const LONG_FORMS = Object.keys(FORMS).filter((w) => w.length >= 10);

const phrasesByFirst = new Map<string, Array<readonly [string[], string]>>();
for (const [phrase, abbr] of PHRASES) {
  const words = phrase.split(' ');
  const list = phrasesByFirst.get(words[0]) ?? [];
  list.push([words, abbr]);
  list.sort((a, b) => b[0].length - a[0].length);
  phrasesByFirst.set(words[0], list);
}

/** Edit distance of at most one (substitution, insertion or deletion). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Written-out legal forms replaced by their abbreviation (`Joint Stock Company` → `jsc`, `Gesellschaft mit
 * beschränkter Haftung` → `gmbh`), and long forms with one slip (`Aktiengeselschaft`) by theirs. For
 * organisation names only: in a person's name `Sa` or `Ao` is a name.
 */
export function abbreviateLegalForms(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const phrases = phrasesByFirst.get(t);
    const hit = phrases?.find(([words]) => words.every((w, k) => tokens[i + k] === w));
    if (hit) {
      out.push(hit[1]);
      i += hit[0].length - 1;
      continue;
    }
    if (t.length >= 10 && FORMS[t] === undefined) {
      const near = LONG_FORMS.find((f) => oneEditApart(t, f));
      if (near) {
        out.push(FORMS[near][0]);
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** A token's legal form: its canonical abbreviation and family ('' for generic words), or undefined. */
export function legalForm(token: string): { form: string; family: string } | undefined {
  const f = FORMS[token];
  return f ? { form: f[0], family: f[1] } : undefined;
}
