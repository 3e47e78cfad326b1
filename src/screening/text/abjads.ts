/**
 * Arabic, Persian, Hebrew, Greek and Thai → Latin, approximately. Arabic and Hebrew are written without short
 * vowels, so a word gets either a known vocalized spelling (common names) or its consonants with `a` between
 * them; tokenKey keeps only the consonant skeleton of multi-syllable words, so the invented vowels do not
 * matter. Greek and Thai are alphabets/abugidas and transliterate letter by letter.
 */

// ---------------------------------------------------------------- Arabic

export function isArabic(cp: number): boolean {
  return (cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f) || (cp >= 0xfb50 && cp <= 0xfdff);
}

/** Common name elements with their usual vocalization (the fallback cannot know the short vowels). */
const ARABIC_NAMES: Record<string, string> = {
  محمد: 'muhammad',
  احمد: 'ahmad',
  أحمد: 'ahmad',
  علي: 'ali',
  حسن: 'hasan',
  حسين: 'husayn',
  محمود: 'mahmud',
  خالد: 'khalid',
  عمر: 'umar',
  عثمان: 'uthman',
  يوسف: 'yusuf',
  ابراهيم: 'ibrahim',
  إبراهيم: 'ibrahim',
  عبد: 'abd',
  الله: 'allah',
  عبدالله: 'abdullah',
  مصطفى: 'mustafa',
  سعيد: 'said',
  سعد: 'saad',
  صالح: 'salih',
  ناصر: 'nasir',
  فاطمة: 'fatima',
  عائشة: 'aisha',
  زينب: 'zaynab',
  مريم: 'maryam',
  حمد: 'hamad',
  جمال: 'jamal',
  كريم: 'karim',
  عزيز: 'aziz',
  قاسم: 'qasim',
  جعفر: 'jafar',
  موسى: 'musa',
  عيسى: 'isa',
  اسامة: 'usama',
  أسامة: 'usama',
  طارق: 'tariq',
  زيد: 'zayd',
  فيصل: 'faysal',
  سلمان: 'salman',
  سليمان: 'sulayman',
  بكر: 'bakr',
  عمرو: 'amr',
  مهدي: 'mahdi',
  رضا: 'rida',
  نور: 'nur',
  الدين: 'al din',
  الرحمن: 'al rahman',
  رحمن: 'rahman',
  اسماعيل: 'ismail',
  إسماعيل: 'ismail',
  بن: 'bin',
  ابن: 'ibn',
  بنت: 'bint',
  ابو: 'abu',
  أبو: 'abu',
  ام: 'umm',
  أم: 'umm',
  حسني: 'husni',
  منصور: 'mansur',
  ياسين: 'yasin',
  ياسر: 'yasir',
  عادل: 'adil',
  حامد: 'hamid',
  حميد: 'hamid',
  رشيد: 'rashid',
  مالك: 'malik',
  نبيل: 'nabil',
  وليد: 'walid',
  سامي: 'sami',
  هاشم: 'hashim',
  شريف: 'sharif',
};

const ARABIC_CONSONANTS: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  گ: 'g',
  ک: 'k',
  ڤ: 'v',
};

interface Unit {
  vowel: boolean;
  text: string;
}

function joinWithInsertedVowels(units: Unit[], filler: string): string {
  let out = '';
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    out += u.text;
    const next = units[i + 1];
    if (!u.vowel && next && !next.vowel && u.text !== '' && next.text !== '') out += filler;
  }
  return out;
}

function arabicUnits(word: string): Unit[] {
  const units: Unit[] = [];
  const chars = [...word];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const prevVowel = units.length === 0 || units[units.length - 1].vowel;
    const isLast = i === chars.length - 1;
    switch (ch) {
      case 'ا':
      case 'أ':
      case 'آ':
      case 'ع':
      case 'ٱ':
        units.push({ vowel: true, text: 'a' });
        break;
      case 'إ':
        units.push({ vowel: true, text: 'i' });
        break;
      case 'ة':
        units.push({ vowel: true, text: 'a' });
        break;
      case 'ى':
        units.push({ vowel: true, text: isLast ? 'a' : 'i' });
        break;
      case 'و':
        units.push(i === 0 || prevVowel ? { vowel: false, text: 'w' } : { vowel: true, text: 'u' });
        break;
      case 'ي':
      case 'ی':
        units.push(i === 0 || prevVowel ? { vowel: false, text: 'y' } : { vowel: true, text: 'i' });
        break;
      case 'ء':
      case 'ئ':
      case 'ؤ':
        break;
      default: {
        const c = ARABIC_CONSONANTS[ch];
        if (c !== undefined) units.push({ vowel: false, text: c });
      }
    }
  }
  return units;
}

/** The short vowels are not written, and tokenKey keeps a word's first vowel, so a word whose first vowel
 * is a guess gets one rendering per guess (a, i, u); later guesses are always a. */
function withFirstVowelGuesses(units: Unit[]): string[] {
  const base = joinWithInsertedVowels(units, 'a');
  const firstVowel = units.findIndex((u) => u.vowel);
  const firstPair = units.findIndex((u, i) => !u.vowel && units[i + 1] !== undefined && !units[i + 1].vowel);
  if (firstPair < 0 || (firstVowel >= 0 && firstVowel < firstPair)) return [base];
  const out = [base];
  for (const guess of ['i', 'u']) {
    const head = joinWithInsertedVowels(units.slice(0, firstPair + 1), 'a') + guess;
    out.push(head + joinWithInsertedVowels(units.slice(firstPair + 1), 'a'));
  }
  return out;
}

/** Latin renderings of one Arabic-script word; a leading article ال becomes a separate `al`. */
export function latinizeArabicWord(word: string): string[] {
  const known = ARABIC_NAMES[word];
  if (known) return [known];
  if (word.length > 3 && word.startsWith('ال')) {
    const rest = word.slice(2);
    return latinizeArabicWord(rest).map((r) => 'al ' + r);
  }
  return withFirstVowelGuesses(arabicUnits(word));
}

/**
 * Arabic compounds written as two words but usually romanized as one (عبد الله → Abdullah,
 * عبد الرحمن → Abdulrahman): the joined renderings to try besides the word-by-word one.
 */
export function joinArabicCompounds(words: string[]): string | undefined {
  let changed = false;
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1];
    if (w === 'abd' && next === 'allah') {
      out.push('abdullah');
      i++;
      changed = true;
    } else if ((w === 'abd' || w === 'abu') && next === 'al' && words[i + 2] !== undefined) {
      out.push(w + 'ul' + words[i + 2]);
      i += 2;
      changed = true;
    } else out.push(w);
  }
  return changed ? out.join(' ') : undefined;
}

// ---------------------------------------------------------------- Hebrew

export function isHebrew(cp: number): boolean {
  return cp >= 0x5d0 && cp <= 0x5ea;
}

const HEBREW_CONSONANTS: Record<string, string> = {
  ג: 'g',
  ד: 'd',
  ז: 'z',
  ח: 'h',
  ט: 't',
  ל: 'l',
  מ: 'm',
  ם: 'm',
  נ: 'n',
  ן: 'n',
  ס: 's',
  צ: 'ts',
  ץ: 'ts',
  ק: 'k',
  ר: 'r',
  ש: 'sh',
  ת: 't',
  ך: 'kh',
  ף: 'f',
};

/** Renderings with vav/yod between consonants read as vowels (o, i) and as consonants (v, y), each with the
 * unwritten first vowel guessed as a, i, u. */
export function latinizeHebrewWord(word: string): string[] {
  const out: string[] = [];
  for (const vowelReading of [true, false]) {
    const units: Unit[] = [];
    const chars = [...word];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const prevVowel = units.length === 0 || units[units.length - 1].vowel;
      const initial = i === 0;
      const isLast = i === chars.length - 1;
      if (ch === 'א' || ch === 'ע') units.push({ vowel: true, text: isLast ? 'a' : initial ? 'a' : '' });
      else if (ch === 'ה') units.push(isLast ? { vowel: true, text: 'e' } : { vowel: false, text: 'h' });
      else if (ch === 'ו')
        units.push(
          !initial && !prevVowel && vowelReading ? { vowel: true, text: 'o' } : { vowel: false, text: 'v' },
        );
      else if (ch === 'י')
        units.push(
          !initial && !prevVowel && vowelReading ? { vowel: true, text: 'i' } : { vowel: false, text: 'y' },
        );
      else if (ch === 'ב') units.push({ vowel: false, text: initial ? 'b' : 'v' });
      else if (ch === 'כ') units.push({ vowel: false, text: initial ? 'k' : 'kh' });
      else if (ch === 'פ') units.push({ vowel: false, text: initial ? 'p' : 'f' });
      else {
        const c = HEBREW_CONSONANTS[ch];
        if (c !== undefined) units.push({ vowel: false, text: c });
      }
    }
    for (const r of withFirstVowelGuesses(units.filter((u) => u.text !== '')))
      if (!out.includes(r)) out.push(r);
  }
  return out;
}

// ---------------------------------------------------------------- Greek

export function isGreek(cp: number): boolean {
  return cp >= 0x370 && cp <= 0x3ff;
}

const GREEK_DIGRAPHS: readonly (readonly [string, string, string])[] = [
  // [greek, phonetic/ELOT-like, traditional/popular]
  ['ου', 'ou', 'u'],
  ['αι', 'ai', 'e'],
  ['ει', 'ei', 'i'],
  ['οι', 'oi', 'i'],
  ['αυ', 'av', 'af'],
  ['ευ', 'ev', 'ef'],
  ['γγ', 'ng', 'ng'],
  ['γκ', 'gk', 'g'],
  ['μπ', 'mp', 'b'],
  ['ντ', 'nt', 'd'],
  ['τσ', 'ts', 'ts'],
  ['τζ', 'tz', 'dz'],
];
const GREEK_LETTERS: Record<string, [string, string]> = {
  α: ['a', 'a'],
  β: ['v', 'v'],
  γ: ['g', 'g'],
  δ: ['d', 'd'],
  ε: ['e', 'e'],
  ζ: ['z', 'z'],
  η: ['i', 'i'],
  θ: ['th', 'th'],
  ι: ['i', 'i'],
  κ: ['k', 'k'],
  λ: ['l', 'l'],
  μ: ['m', 'm'],
  ν: ['n', 'n'],
  ξ: ['x', 'ks'],
  ο: ['o', 'o'],
  π: ['p', 'p'],
  ρ: ['r', 'r'],
  σ: ['s', 's'],
  ς: ['s', 's'],
  τ: ['t', 't'],
  υ: ['y', 'i'],
  φ: ['f', 'f'],
  χ: ['ch', 'kh'],
  ψ: ['ps', 'ps'],
  ω: ['o', 'o'],
};

/** Greek word renderings; masculine names also without their nominative ending (Αλέξανδρος → Alexandr-,
 * as in Alexander), since that is how they appear in other languages. */
export function latinizeGreekWord(word: string): string[] {
  const out: string[] = [];
  for (let scheme = 0; scheme < 2; scheme++) {
    let r = '';
    for (let i = 0; i < word.length; i++) {
      const pair = word.slice(i, i + 2);
      const digraph = GREEK_DIGRAPHS.find((d) => d[0] === pair);
      if (digraph) {
        r += digraph[1 + scheme];
        i++;
        continue;
      }
      const l = GREEK_LETTERS[word[i]];
      r += l ? l[scheme] : word[i];
    }
    if (!out.includes(r)) out.push(r);
    for (const ending of ['os', 'as', 'is', 'es']) {
      if (r.length > 4 && r.endsWith(ending)) {
        const stem = r.slice(0, -ending.length);
        if (!out.includes(stem)) out.push(stem);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- Thai

export function isThai(cp: number): boolean {
  return cp >= 0xe00 && cp <= 0xe7f;
}

// [initial, final] per consonant (Royal Thai General System).
const THAI_CONSONANTS: Record<string, [string, string]> = {
  ก: ['k', 'k'],
  ข: ['kh', 'k'],
  ฃ: ['kh', 'k'],
  ค: ['kh', 'k'],
  ฅ: ['kh', 'k'],
  ฆ: ['kh', 'k'],
  ง: ['ng', 'ng'],
  จ: ['ch', 't'],
  ฉ: ['ch', 't'],
  ช: ['ch', 't'],
  ซ: ['s', 't'],
  ฌ: ['ch', 't'],
  ญ: ['y', 'n'],
  ฎ: ['d', 't'],
  ฏ: ['t', 't'],
  ฐ: ['th', 't'],
  ฑ: ['th', 't'],
  ฒ: ['th', 't'],
  ณ: ['n', 'n'],
  ด: ['d', 't'],
  ต: ['t', 't'],
  ถ: ['th', 't'],
  ท: ['th', 't'],
  ธ: ['th', 't'],
  น: ['n', 'n'],
  บ: ['b', 'p'],
  ป: ['p', 'p'],
  ผ: ['ph', 'p'],
  ฝ: ['f', 'p'],
  พ: ['ph', 'p'],
  ฟ: ['f', 'p'],
  ภ: ['ph', 'p'],
  ม: ['m', 'm'],
  ย: ['y', 'i'],
  ร: ['r', 'n'],
  ล: ['l', 'n'],
  ว: ['w', 'o'],
  ศ: ['s', 't'],
  ษ: ['s', 't'],
  ส: ['s', 't'],
  ห: ['h', ''],
  ฬ: ['l', 'n'],
  อ: ['', ''],
  ฮ: ['h', ''],
};
const THAI_VOWEL_SIGNS: Record<string, string> = {
  ะ: 'a',
  'ั': 'a',
  า: 'a',
  ำ: 'am',
  'ิ': 'i',
  'ี': 'i',
  'ึ': 'ue',
  'ื': 'ue',
  'ุ': 'u',
  'ู': 'u',
  ๅ: 'a',
};
const THAI_LEADING_VOWELS: Record<string, string> = { เ: 'e', แ: 'ae', โ: 'o', ใ: 'ai', ไ: 'ai' };

/** Thai word → RTGS-like Latin (tones dropped; the inherent vowel is o in a closed syllable, a in an open one). */
export function latinizeThaiWord(word: string): string[] {
  interface ThaiUnit {
    consonant?: string;
    vowel?: string;
  }
  const units: ThaiUnit[] = [];
  let pendingLeading = '';
  const chars = [...word];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (THAI_LEADING_VOWELS[ch] !== undefined) {
      pendingLeading = THAI_LEADING_VOWELS[ch];
      continue;
    }
    if (ch === '์') {
      units.pop(); // thanthakhat: the letter before it is silent
      continue;
    }
    if (THAI_CONSONANTS[ch] !== undefined) {
      units.push({ consonant: ch });
      if (pendingLeading) {
        // A leading vowel is written before the (possibly clustered) onset; it sounds after it.
        const second = chars[i + 1];
        if (second === 'ร' || second === 'ล' || second === 'ว') {
          units.push({ consonant: second });
          i++;
        }
        units.push({ vowel: pendingLeading });
        pendingLeading = '';
      }
      continue;
    }
    const v = THAI_VOWEL_SIGNS[ch];
    if (v !== undefined) {
      const last = units[units.length - 1];
      if (last?.vowel !== undefined) last.vowel += v === 'a' && last.vowel === 'e' ? '' : v;
      else units.push({ vowel: v });
    }
    // tone marks and other signs carry no Latin letter
  }
  let out = '';
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u.vowel !== undefined) {
      out += u.vowel;
      continue;
    }
    const [initial, final] = THAI_CONSONANTS[u.consonant!];
    const prev = units[i - 1];
    const next = units[i + 1];
    const prevIsVowelOrCoda = prev !== undefined && (prev.vowel !== undefined || out.endsWith('o'));
    const nextIsConsonant = next === undefined || next.consonant !== undefined;
    if (prevIsVowelOrCoda && nextIsConsonant && (prev.vowel !== undefined || out.endsWith('o'))) {
      out += final; // coda
      continue;
    }
    out += initial;
    if (next?.consonant !== undefined) {
      const afterNext = units[i + 2];
      // C C (end or C): closed syllable with inherent o; C C V: the first is an open syllable with a.
      out += afterNext === undefined || afterNext.consonant !== undefined ? 'o' : 'a';
    }
  }
  return [out];
}
