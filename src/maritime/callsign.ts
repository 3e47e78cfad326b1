/**
 * The country of a call sign from its prefix (ITU Radio Regulations, Appendix 42, "Table of allocation of
 * international call sign series", as amended to 2024). A ship's call sign and its MMSI's MID are both
 * assigned by the flag state, so when they name different countries one of them was not updated after a
 * change of flag, or the identity was made up: the MID/flag mismatch of the identity detector.
 *
 * The table maps series to ISO 3166-1 alpha-2 codes (lowercase). The B series is China's in the table; ships
 * registered in Taiwan (MID 416) use part of it (BM–BQ, BU–BX), so the two count as one family when compared.
 * Series shared out differently inside a
 * two-character prefix (3D: Eswatini / Fiji) are listed with their three-character ranges; series allocated
 * to international organisations (4U, 4Y, C7) map to no country.
 */

// "FROM-TO:cc" ranges over the first two characters, or three where needed; single letters as "X:cc".
const SERIES = `
A2:bw A3:to A4:om A5:bt A6:ae A7:qa A8:lr A9:bh AA-AL:us AM-AO:es AP-AS:pk AT-AW:in AX:au AY-AZ:ar
B:cn
C2:nr C3:ad C4:cy C5:gm C6:bs C8-C9:mz CA-CE:cl CF-CK:ca CL-CM:cu CN:ma CO:cu CP:bo CQ-CU:pt CV-CX:uy CY-CZ:ca
D2-D3:ao D4:cv D5:lr D6:km D7-D9:kr DA-DR:de DS-DT:kr DU-DZ:ph
E2:th E3:er E4:ps E5:ck E6:nu E7:ba EA-EH:es EI-EJ:ie EK:am EL:lr EM-EO:ua EP-EQ:ir ER:md ES:ee ET:et EU-EW:by EX:kg EY:tj EZ:tm
F:fr G:gb
H2:cy H3:pa H4:sb H6-H7:ni H8-H9:pa HA:hu HB:ch HC-HD:ec HE:ch HF:pl HG:hu HH:ht HI:do HJ-HK:co HL:kr HM:kp HN:iq HO-HP:pa HQ-HR:hn HS:th HT:ni HU:sv HV:va HW-HY:fr HZ:sa
I:it
J2:dj J3:gd J4:gr J5:gw J6:lc J7:dm J8:vc JA-JS:jp JT-JV:mn JW-JX:no JY:jo JZ:id
K:us
L2-L9:ar LA-LN:no LO-LW:ar LX:lu LY:lt LZ:bg
M:gb N:us
OA-OC:pe OD:lb OE:at OF-OJ:fi OK-OL:cz OM:sk ON-OT:be OU-OZ:dk
P2:pg P3:cy P4:aw P5-P9:kp PA-PI:nl PJ:cw PK-PO:id PP-PY:br PZ:sr
R:ru
S2-S3:bd S5:si S6:sg S7:sc S8:za S9:st SA-SM:se SN-SR:pl SS:eg ST:sd SU:eg SV-SZ:gr
T2:tv T3:ki T4:cu T5:so T6:af T7:sm T8:pw TA-TC:tr TD:gt TE:cr TF:is TG:gt TH:fr TI:cr TJ:cm TK:fr TL:cf TM:fr TN:cg TO-TQ:fr TR:ga TS:tn TT:td TU:ci TV-TX:fr TY:bj TZ:ml
UA-UI:ru UJ-UM:uz UN-UQ:kz UR-UZ:ua
V2:ag V3:bz V4:kn V5:na V6:fm V7:mh V8:bn VA-VG:ca VH-VN:au VO:ca VP-VQ:gb VR:hk VS:gb VT-VW:in VX-VY:ca VZ:au
W:us
XA-XI:mx XJ-XO:ca XP:dk XQ-XR:cl XS:cn XT:bf XU:kh XV:vn XW:la XX:mo XY-XZ:mm
Y2-Y9:de YA:af YB-YH:id YI:iq YJ:vu YK:sy YL:lv YM:tr YN:ni YO-YR:ro YS:sv YT-YU:rs YV-YY:ve YZ:rs
Z2:zw Z3:mk Z8:ss ZA:al ZB-ZJ:gb ZK-ZM:nz ZN-ZO:gb ZP:py ZQ:gb ZR-ZU:za ZV-ZZ:br
2:gb 3A:mc 3B:mu 3C:gq 3DA-3DM:sz 3DN-3DZ:fj 3E-3F:pa 3G:cl 3H-3U:cn 3V:tn 3W:vn 3X:gn 3Y:no 3Z:pl
4A-4C:mx 4D-4I:ph 4J-4K:az 4L:ge 4M:ve 4O:me 4P-4S:lk 4T:pe 4V:ht 4W:tl 4X:il 4Z:il
5A:ly 5B:cy 5C-5G:ma 5H-5I:tz 5J-5K:co 5L-5M:lr 5N-5O:ng 5P-5Q:dk 5R-5S:mg 5T:mr 5U:ne 5V:tg 5W:ws 5X:ug 5Y-5Z:ke
6A-6B:eg 6C:sy 6D-6J:mx 6K-6N:kr 6O:so 6P-6S:pk 6T-6U:sd 6V-6W:sn 6X:mg 6Y:jm 6Z:lr
7A-7I:id 7J-7N:jp 7O:ye 7P:ls 7Q:mw 7R:dz 7S:se 7T-7Y:dz 7Z:sa
8A-8I:id 8J-8N:jp 8O:bw 8P:bb 8Q:mv 8R:gy 8S:se 8T-8Y:in 8Z:sa
9A:hr 9B-9D:ir 9E-9F:et 9G:gh 9H:mt 9I-9J:zm 9K:kw 9L:sl 9M:my 9N:np 9O-9T:cd 9U:bi 9V:sg 9W:my 9X:rw 9Y-9Z:tt
`;

const ORDER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Prefix (1–3 characters) → country, expanded from the ranges above. */
const BY_PREFIX: Map<string, string> = (() => {
  const map = new Map<string, string>();
  for (const item of SERIES.trim().split(/\s+/)) {
    const [range, cc] = item.split(':') as [string, string];
    const [from, to = from] = range.split('-') as [string, string?];
    const head = from.slice(0, -1);
    const a = ORDER.indexOf(from.slice(-1));
    const b = ORDER.indexOf((to as string).slice(-1));
    if (from.length === 1) {
      map.set(from, cc);
      continue;
    }
    for (let i = a; i <= b; i++) map.set(head + ORDER[i], cc);
  }
  return map;
})();

/**
 * The country (ISO alpha-2, lowercase) whose series a call sign belongs to, or null when the text is not a
 * call sign of a known series. The longest known prefix wins (3DN… Fiji before 3… nothing, BM… Taiwan before
 * B… China).
 */
export function callsignCountry(callsign: string | null | undefined): string | null {
  if (!callsign) return null;
  const c = callsign.trim().toUpperCase();
  if (!/^[A-Z0-9]{3,7}$/.test(c)) return null;
  for (const len of [3, 2, 1]) {
    const hit = BY_PREFIX.get(c.slice(0, len));
    if (hit !== undefined) return hit;
  }
  return null;
}

/** Territories whose ships take call signs from their sovereign's series (and often an MMSI of their own MID). */
const SOVEREIGN: Record<string, string> = {
  gi: 'gb',
  ky: 'gb',
  bm: 'gb',
  vg: 'gb',
  ms: 'gb',
  tc: 'gb',
  fk: 'gb',
  io: 'gb',
  ai: 'gb',
  sh: 'gb',
  gs: 'gb',
  im: 'gb',
  je: 'gb',
  gg: 'gb',
  fo: 'dk',
  gl: 'dk',
  aw: 'nl',
  cw: 'nl',
  sx: 'nl',
  bq: 'nl',
  pf: 'fr',
  nc: 'fr',
  wf: 'fr',
  pm: 'fr',
  re: 'fr',
  gf: 'fr',
  gp: 'fr',
  mq: 'fr',
  yt: 'fr',
  tf: 'fr',
  bl: 'fr',
  mf: 'fr',
  pr: 'us',
  vi: 'us',
  gu: 'us',
  as: 'us',
  mp: 'us',
  um: 'us',
  ax: 'fi',
  sj: 'no',
  bv: 'no',
  cx: 'au',
  cc: 'au',
  nf: 'au',
  hm: 'au',
  tk: 'nz',
  ck: 'nz',
  nu: 'nz',
  tw: 'cn',
};

/** Whether two countries are the same flag for call sign purposes (a territory and its sovereign are). */
export function sameFlagFamily(a: string, b: string): boolean {
  return a === b || (SOVEREIGN[a] ?? a) === (SOVEREIGN[b] ?? b);
}
