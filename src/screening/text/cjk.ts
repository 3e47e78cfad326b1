/**
 * Chinese characters, Japanese kana/kanji and Korean names written in hanja → Latin.
 * - Chinese: pinyin without tones (pinyin-pro, MIT, dictionary bundled, offline), surname reading for the
 *   first character, syllables spaced, and the given name also joined (Xi Jinping).
 * - Korean names in hanja (金正恩): the Sino-Korean reading of each character from a small table of surname
 *   and given-name characters, then romanized as Hangul. Only when every character is in the table.
 * - Japanese: kana by Hepburn; kanji names only through a table of common surnames and given names (kanji
 *   readings depend on the word, so no per-character guess is made).
 */

import { pinyin } from 'pinyin-pro';

export function isHan(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff);
}

export function isKana(cp: number): boolean {
  return cp >= 0x3040 && cp <= 0x30ff;
}

const PINYIN_SURNAME = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' } as const;
const PINYIN_PLAIN = { toneType: 'none', type: 'array', nonZh: 'consecutive' } as const;

/** Company-type words in Chinese names, with the Latin words they are written as. */
const CHINESE_COMPANY_WORDS: readonly (readonly [string, string])[] = [
  ['股份有限公司', 'gufen youxian gongsi'],
  ['有限责任公司', 'youxian zeren gongsi'],
  ['有限責任公司', 'youxian zeren gongsi'],
  ['有限公司', 'youxian gongsi'],
  ['公司', 'gongsi'],
  ['集团', 'jituan'],
  ['集團', 'jituan'],
  ['贸易', 'maoyi'],
  ['貿易', 'maoyi'],
  ['控股', 'konggu'],
  ['实业', 'shiye'],
  ['實業', 'shiye'],
];

function toPinyin(text: string, surname: boolean): string[] {
  return pinyin(text, surname ? PINYIN_SURNAME : PINYIN_PLAIN).map((s) => s.replaceAll('ü', 'u'));
}

/** A Chinese company name: the company-type words split off the end, the rest as pinyin (spaced and joined). */
function chineseCompanyRenderings(word: string): string[] | undefined {
  const suffixes: string[] = [];
  let stem = word;
  for (let changed = true; changed; ) {
    changed = false;
    for (const [han, latin] of CHINESE_COMPANY_WORDS) {
      if (stem.endsWith(han)) {
        suffixes.unshift(latin);
        stem = stem.slice(0, -han.length);
        changed = true;
        break;
      }
    }
  }
  if (suffixes.length === 0) return undefined;
  const tail = suffixes.join(' ');
  if (stem === '') return [tail];
  const syllables = toPinyin(stem, false);
  return [syllables.join(' ') + ' ' + tail, syllables.join('') + ' ' + tail];
}

/** Chinese word (a name written without spaces) → pinyin renderings: spaced syllables, given name joined. */
export function latinizeChineseWord(word: string): string[] {
  const company = chineseCompanyRenderings(word);
  if (company) return company;
  const syllables = toPinyin(word, true);
  if (syllables.length === 0) return [];
  const spaced = syllables.join(' ');
  if (syllables.length <= 2) return [spaced];
  const surnameLength = COMPOUND_CHINESE_SURNAMES.has(word.slice(0, 2)) ? 2 : 1;
  const joined = syllables.slice(0, surnameLength).join('') + ' ' + syllables.slice(surnameLength).join('');
  return [spaced, joined];
}

const COMPOUND_CHINESE_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '司徒',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '夏侯',
]);

// ---- Sino-Korean readings (character, Hangul), surname characters first ----

const HANJA_PAIRS =
  '金김李이朴박崔최鄭정姜강趙조尹윤張장林임韓한吳오申신徐서權권黃황安안宋송柳류洪홍全전高고文문孫손梁양裵배白백許허' +
  '劉류南남沈심盧노河하丁정郭곽成성車차具구禹우朱주任임羅나辛신閔민陳진池지嚴엄元원蔡채千천方방玄현孔공康강咸함卞변' +
  '楊양廉염邊변呂여秋추魯노都도蘇소石석宣선薛설馬마吉길周주延연房방魏위表표明명奇기潘반王왕琴금玉옥陸육印인孟맹卓탁' +
  '秦진鞠국余여片편龍룡正정恩은日일哲철英영浩호賢현秀수珍진光광國국永영勇용男남順순熙희仁인在재俊준民민大대植식錫석' +
  '鎬호基기萬만東동炫현鉉현洙수敏민淑숙子자姬희美미惠혜貞정愛애蘭란花화雪설春춘天천山산海해江강善선德덕福복壽수昌창' +
  '泰태宇우世세中중心심武무學학先선鎭진鐵철慶경京경景경敬경炳병秉병炯형亨형弘홍虎호雲운革혁赫혁奎규相상一일載재宰재' +
  '濟제燮섭煥환漢한範범根근星성聖성誠성承승勝승道도斗두烈렬寅인忠충昊호豪호澤택鍾종宗종柱주珠주峻준志지智지知지直직' +
  '進진眞진振진喆철徹철守수修수淳순旭욱源원允윤潤윤殷은銀은義의益익榮영映영希희喜희輝휘興흥孝효勳훈會회和화華화平평' +
  '憲헌協협樂락然연年년慈자才재材재朝조仲중重중贊찬燦찬彩채淸청靑청初초太태香향晃황休휘欽흠容용鳳봉雄웅';

const HANJA_READING = new Map<string, string>();
for (let i = 0; i + 1 < HANJA_PAIRS.length; i += 2) HANJA_READING.set(HANJA_PAIRS[i], HANJA_PAIRS[i + 1]);

/** The Hangul reading of a hanja name, or undefined unless every character is known. */
export function hanjaToHangul(word: string): string | undefined {
  let out = '';
  for (const ch of word) {
    const r = HANJA_READING.get(ch);
    if (r === undefined) return undefined;
    out += r;
  }
  return out;
}

// ---- Japanese ----

const KANA_ROMAJI: Record<string, string> = {};
(() => {
  const rows: [string, string[]][] = [
    ['', ['あ', 'い', 'う', 'え', 'お']],
    ['k', ['か', 'き', 'く', 'け', 'こ']],
    ['g', ['が', 'ぎ', 'ぐ', 'げ', 'ご']],
    ['s', ['さ', 'し', 'す', 'せ', 'そ']],
    ['z', ['ざ', 'じ', 'ず', 'ぜ', 'ぞ']],
    ['t', ['た', 'ち', 'つ', 'て', 'と']],
    ['d', ['だ', 'ぢ', 'づ', 'で', 'ど']],
    ['n', ['な', 'に', 'ぬ', 'ね', 'の']],
    ['h', ['は', 'ひ', 'ふ', 'へ', 'ほ']],
    ['b', ['ば', 'び', 'ぶ', 'べ', 'ぼ']],
    ['p', ['ぱ', 'ぴ', 'ぷ', 'ぺ', 'ぽ']],
    ['m', ['ま', 'み', 'む', 'め', 'も']],
    ['r', ['ら', 'り', 'る', 'れ', 'ろ']],
  ];
  const vowels = ['a', 'i', 'u', 'e', 'o'];
  for (const [c, kana] of rows) {
    for (let i = 0; i < kana.length; i++) KANA_ROMAJI[kana[i]] = c + vowels[i];
  }
  Object.assign(KANA_ROMAJI, {
    し: 'shi',
    じ: 'ji',
    ち: 'chi',
    ぢ: 'ji',
    つ: 'tsu',
    づ: 'zu',
    ふ: 'fu',
    や: 'ya',
    ゆ: 'yu',
    よ: 'yo',
    わ: 'wa',
    を: 'o',
    ん: 'n',
    ゃ: 'ya',
    ゅ: 'yu',
    ょ: 'yo',
    ぁ: 'a',
    ぃ: 'i',
    ぅ: 'u',
    ぇ: 'e',
    ぉ: 'o',
    ゔ: 'vu',
  });
})();

const PALATAL_STEM = /(sh|ch|j)$/;

/** Kana (hiragana or katakana) → Hepburn; long-vowel marks dropped, small tsu doubles the next consonant. */
export function kanaToRomaji(word: string): string {
  let out = '';
  let double = false;
  for (const ch of word) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0x30a1 && cp <= 0x30f6) cp -= 0x60; // katakana → hiragana
    const h = String.fromCodePoint(cp);
    if (h === 'っ') {
      double = true;
      continue;
    }
    if (h === 'ー' || h === '・') continue;
    let r = KANA_ROMAJI[h];
    if (r === undefined) {
      out += ch;
      continue;
    }
    if ((h === 'ゃ' || h === 'ゅ' || h === 'ょ') && out.endsWith('i')) {
      // きゃ → kya, but しゃ → sha, ちゃ → cha, じゃ → ja (Hepburn)
      const stem = out.slice(0, -1);
      out = PALATAL_STEM.test(stem) ? stem + r.slice(1) : stem + r;
      continue;
    }
    if (double) {
      r = r[0] + r;
      double = false;
    }
    out += r;
  }
  return out;
}

const JAPANESE_NAMES: Record<string, string> = {
  佐藤: 'sato',
  鈴木: 'suzuki',
  高橋: 'takahashi',
  田中: 'tanaka',
  伊藤: 'ito',
  渡辺: 'watanabe',
  山本: 'yamamoto',
  中村: 'nakamura',
  小林: 'kobayashi',
  加藤: 'kato',
  吉田: 'yoshida',
  山田: 'yamada',
  佐々木: 'sasaki',
  山口: 'yamaguchi',
  松本: 'matsumoto',
  井上: 'inoue',
  木村: 'kimura',
  斎藤: 'saito',
  斉藤: 'saito',
  清水: 'shimizu',
  山崎: 'yamazaki',
  池田: 'ikeda',
  橋本: 'hashimoto',
  阿部: 'abe',
  安倍: 'abe',
  石川: 'ishikawa',
  山下: 'yamashita',
  中島: 'nakajima',
  石井: 'ishii',
  小川: 'ogawa',
  前田: 'maeda',
  岡田: 'okada',
  長谷川: 'hasegawa',
  藤田: 'fujita',
  後藤: 'goto',
  近藤: 'kondo',
  村上: 'murakami',
  遠藤: 'endo',
  青木: 'aoki',
  坂本: 'sakamoto',
  福田: 'fukuda',
  太田: 'ota',
  西村: 'nishimura',
  藤井: 'fujii',
  金子: 'kaneko',
  岡本: 'okamoto',
  藤原: 'fujiwara',
  中野: 'nakano',
  三浦: 'miura',
  原田: 'harada',
  松田: 'matsuda',
  竹内: 'takeuchi',
  中川: 'nakagawa',
  小野: 'ono',
  田村: 'tamura',
  岸田: 'kishida',
  麻生: 'aso',
  森: 'mori',
  林: 'hayashi',
  太郎: 'taro',
  次郎: 'jiro',
  三郎: 'saburo',
  一郎: 'ichiro',
  花子: 'hanako',
  洋子: 'yoko',
  陽子: 'yoko',
  恵子: 'keiko',
  幸子: 'sachiko',
  裕子: 'yuko',
  和子: 'kazuko',
  由美子: 'yumiko',
  久美子: 'kumiko',
  晋三: 'shinzo',
  文雄: 'fumio',
  義偉: 'yoshihide',
  大輔: 'daisuke',
  拓也: 'takuya',
  直樹: 'naoki',
  美咲: 'misaki',
  健: 'ken',
  誠: 'makoto',
  翔: 'sho',
  浩: 'hiroshi',
  博: 'hiroshi',
  明: 'akira',
  隆: 'takashi',
  茂: 'shigeru',
  清: 'kiyoshi',
  勇: 'isamu',
  修: 'osamu',
  学: 'manabu',
  愛: 'ai',
};
const JAPANESE_NAME_MAX = 3;

/** A kanji name segmented into known Japanese names (longest first), or undefined. */
export function japaneseKanjiName(word: string): string | undefined {
  const parts: string[] = [];
  let i = 0;
  while (i < word.length) {
    let found = false;
    for (let len = Math.min(JAPANESE_NAME_MAX, word.length - i); len > 0; len--) {
      const r = JAPANESE_NAMES[word.slice(i, i + len)];
      if (r !== undefined) {
        parts.push(r);
        i += len;
        found = true;
        break;
      }
    }
    if (!found) return undefined;
  }
  return parts.join(' ');
}
