/**
 * IMO ship identification numbers (IMO Resolution A.1117(30)): 7 digits, the last a check digit. The number
 * stays with the hull for life, through renames, reflagging and new MMSIs, which is why sanctions lists key
 * vessels on it and why evaders broadcast false ones (often one digit off a real ship's, which the check digit
 * catches in most cases).
 */

/** Check digit: the first six digits weighted 7, 6, 5, 4, 3, 2, summed, mod 10. */
function checkDigit(six: string): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += (six.charCodeAt(i) - 48) * (7 - i);
  return sum % 10;
}

/**
 * True for a 7-digit IMO number with a correct check digit. Accepts a number or a string of exactly
 * 7 digits; 0000000 (AIS "not available") is not an IMO number.
 */
export function isValidImo(n: number | string): boolean {
  let s: string;
  if (typeof n === 'number') {
    if (!Number.isInteger(n) || n < 1_000_000 || n > 9_999_999) return false;
    s = String(n);
  } else {
    s = n.trim();
    if (!/^\d{7}$/.test(s) || s[0] === '0') return false;
  }
  return checkDigit(s) === s.charCodeAt(6) - 48;
}

// "IMO 9241061", "IMO9241061", "IMO: 9241061", "IMO No. 9241061", "IMO number 9241061", or the bare digits.
const IMO_TEXT = /^(?:imo\s*(?:(?:no\.?|nr\.?|number|#)\s*)?[:.#-]?\s*)?(\d{7})$/i;

/**
 * The IMO number in a short text such as a list field ('IMO 9241061', '9241061'), or null when the text is
 * not one, or when its check digit is wrong (pass `{ requireCheckDigit: false }` to keep those: a wrong
 * check digit is itself evidence worth recording, e.g. on a vessel's AIS).
 */
export function parseImo(text: string, options: { requireCheckDigit?: boolean } = {}): number | null {
  const m = IMO_TEXT.exec(text.trim());
  if (!m) return null;
  const digits = m[1];
  if (digits[0] === '0') return null;
  if ((options.requireCheckDigit ?? true) && !isValidImo(digits)) return null;
  return Number(digits);
}
