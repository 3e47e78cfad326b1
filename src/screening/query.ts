import { countryCode } from '../ftm/countries.ts';
import type { ScreeningQuery } from './types.ts';

/**
 * Checks and tidies a screening query before it is scored, the same way for the API, the CLI and batch files:
 * dates must be real calendar dates (YYYY, YYYY-MM, YYYY-MM-DD), countries must be countries (names become
 * ISO codes), and something must identify the subject. Returns the tidied query, or the reason it is refused.
 */
export function checkQuery(query: ScreeningQuery): ScreeningQuery | string {
  const properties: Record<string, string[]> = {};
  for (const [prop, values] of Object.entries(query.properties)) {
    const kept: string[] = [];
    for (const raw of values) {
      const v = raw.trim();
      if (v === '') continue;
      if (prop === 'birthDate') {
        if (!isCalendarDate(v))
          return `${prop} ${JSON.stringify(v)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`;
        kept.push(v);
      } else if (prop === 'nationality' || prop === 'country' || prop === 'citizenship' || prop === 'flag') {
        const code = countryCode(v);
        if (!code)
          return `${prop} ${JSON.stringify(v)} is not a country Watchkeeper knows (use a name or ISO code)`;
        kept.push(code);
      } else kept.push(v);
    }
    if (kept.length) properties[prop] = kept;
  }
  const identifying = [
    'name',
    'alias',
    'imoNumber',
    'mmsi',
    'callSign',
    'passportNumber',
    'idNumber',
    'registrationNumber',
  ];
  if (!identifying.some((p) => properties[p]?.length))
    return 'a query needs a name or an identifier (IMO, MMSI, call sign, passport)';
  return { schema: query.schema, properties };
}

export function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(v);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  if (year < 1800 || year > 2200 || month < 1 || month > 12) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
