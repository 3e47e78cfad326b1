/**
 * Dates as OFAC writes them (`18 Jan 1961`, `Jan 1961`, `1961`, `circa 1960`, `1955 to 1957`,
 * `12/18/2025` in XML headers) -> ISO dates, partial where the list is partial.
 */

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

const month = (name: string): string | undefined => MONTHS[name.toLowerCase().slice(0, 3)];

const validDay = (y: string, m: string, d: string): boolean => {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
};

/** One OFAC date -> `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; undefined when it is not a date we can read. */
export function parseOfacDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim().replace(/\.$/, '');
  let m = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/.exec(s);
  if (m) {
    const mo = month(m[2]);
    const d = m[1].padStart(2, '0');
    return mo && validDay(m[3], mo, d) ? `${m[3]}-${mo}-${d}` : undefined;
  }
  m = /^([A-Za-z]{3,9})\.? (\d{4})$/.exec(s);
  if (m) {
    const mo = month(m[1]);
    return mo ? `${m[2]}-${mo}` : undefined;
  }
  m = /^(\d{4})$/.exec(s);
  if (m) return m[1];
  m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T.*)?$/.exec(s);
  if (m) {
    if (Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
    if (m[3] === undefined) return `${m[1]}-${m[2]}`;
    return validDay(m[1], m[2], m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
  }
  // US numeric form of the XML publication header: MM/DD/YYYY.
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const mo = m[1].padStart(2, '0');
    const d = m[2].padStart(2, '0');
    return validDay(m[3], mo, d) ? `${m[3]}-${mo}-${d}` : undefined;
  }
  return undefined;
}

export interface ParsedDates {
  /** ISO (partial) dates to put on the property. */
  dates: string[];
  /** Set when the text said more than the dates carry (approximate, a range, unreadable). */
  note?: string;
}

/** `1960-03-01` to `1960-03-31` -> `1960-03`. */
function wholeMonth(from: string, to: string): string | undefined {
  if (from.length !== 10 || to.length !== 10 || from.slice(0, 7) !== to.slice(0, 7) || !from.endsWith('-01'))
    return undefined;
  const [y, m] = from.split('-').map(Number);
  return Number(to.slice(8)) === new Date(Date.UTC(y, m, 0)).getUTCDate() ? from.slice(0, 7) : undefined;
}

/** Longest year range spelled out year by year; wider ranges keep only their endpoints. */
const MAX_RANGE_YEARS = 30;

/**
 * A date expression as remarks and XML give it: exact, `circa X`, `X to Y` (also `X-Y` after circa).
 * A range becomes every year in it, the way OpenSanctions writes it, so a matcher comparing birth years
 * finds each; the original text goes to the note because the years alone lose the "between".
 */
export function parseDateExpression(raw: string): ParsedDates {
  const text = raw.trim().replace(/\.$/, '');
  const circa = /^(?:circa|approximately|approx\.?|about|ca\.)\s+/i.exec(text);
  const body = circa ? text.slice(circa[0].length) : text;
  const range =
    /^(.+?)\s+(?:to|-|–)\s+(.+)$/i.exec(body) ?? (circa ? /^(\d{4})\s*-\s*(\d{4})$/.exec(body) : null);
  if (range) {
    const from = parseOfacDate(range[1]);
    const to = parseOfacDate(range[2]);
    if (from && to) {
      if (from === to) return { dates: [from], note: circa ? text : undefined };
      const whole = wholeMonth(from, to);
      if (whole) return { dates: [whole], note: text };
      const y1 = Number(from.slice(0, 4));
      const y2 = Number(to.slice(0, 4));
      if (y2 >= y1 && y2 - y1 <= MAX_RANGE_YEARS) {
        const dates: string[] = [];
        for (let y = y1; y <= y2; y++) dates.push(String(y));
        return { dates, note: text };
      }
      return { dates: [from, to], note: text };
    }
    return { dates: [], note: text };
  }
  const date = parseOfacDate(body);
  if (!date) return { dates: [], note: text };
  return circa ? { dates: [date], note: text } : { dates: [date] };
}

/** A publication date in a file name (`sdn-2024-05-03.csv`, `sdn_20240503.csv`) -> `2024-05-03`. */
export function dateFromFileName(fileName: string): string | undefined {
  const base = fileName.replace(/^.*[\\/]/, '');
  const m = /(?:^|\D)((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?:\D|$)/.exec(base);
  if (!m) return undefined;
  return parseOfacDate(`${m[1]}-${m[2]}-${m[3]}`);
}
