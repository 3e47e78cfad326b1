/**
 * Reception coverage: messages per area cell and UTC hour, from every vessel. A vessel's silence means little
 * where everyone fell silent (a receiver outage, satellite revisit), and much where the area kept reporting.
 * The confidence of a gap compares the area's message rate during the gap with its rate before it.
 */
import type { GapCandidate } from './vessel.ts';

const HOUR = 3_600_000;
/** A path cell tells about coverage only with at least this many messages an hour before the gap. */
const MIN_CELL_RATE = 10;

/** 1 when an area kept at least half its usual rate, 0 under a tenth, linear between. */
function ratioConfidence(r: { before: number; during: number }): number {
  return Math.max(0, Math.min(1, (r.during / r.before - 0.1) / 0.4));
}

/** Hours of a gap looked at for its coverage (30 days). */
const MAX_GAP_HOURS = 720;

export class CoverageGrid {
  readonly cellDeg: number;
  private readonly counts = new Map<number, number>();

  constructor(cellDeg: number) {
    this.cellDeg = cellDeg;
  }

  private key(cy: number, cx: number, hour: number): number {
    // hour (~500k for 2026) × 2^21 + cell: exact below 2^53
    return hour * 2_097_152 + (cy + 180) * 1024 + (cx + 360);
  }

  cellOf(lat: number, lon: number): { cy: number; cx: number } {
    return { cy: Math.floor(lat / this.cellDeg), cx: Math.floor(lon / this.cellDeg) };
  }

  /** Counts one message (called for every position of a run: no object per call). */
  add(t: number, lat: number, lon: number): void {
    const k = this.key(Math.floor(lat / this.cellDeg), Math.floor(lon / this.cellDeg), Math.floor(t / HOUR));
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }

  /**
   * The last hour in [fromHour, toHour] in which the 3×3 cells around a position received anything, or -1.
   * An open gap can only be measured until the area itself fell silent (the end of a recording there).
   */
  lastHourWithData(lat: number, lon: number, fromHour: number, toHour: number): number {
    // forward from the start: whether the area reported on, and until when, within MAX_GAP_HOURS
    const highest = Math.min(toHour, fromHour + MAX_GAP_HOURS);
    let last = -1;
    for (let h = fromHour; h <= highest; h++) if (this.around(lat, lon, h) > 0) last = h;
    return last;
  }

  /** Messages in the 3×3 cells around a position during one hour. */
  around(lat: number, lon: number, hour: number): number {
    const { cy, cx } = this.cellOf(lat, lon);
    let total = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) total += this.counts.get(this.key(cy + dy, cx + dx, hour)) ?? 0;
    }
    return total;
  }

  /** Mean hourly messages before (baseline) and during a gap over a set of cells. */
  private rates(
    cells: readonly { cy: number; cx: number }[],
    startHour: number,
    endHour: number,
    baselineHours: number,
  ) {
    const at = (h: number) => {
      let total = 0;
      for (const c of cells) total += this.counts.get(this.key(c.cy, c.cx, h)) ?? 0;
      return total;
    };
    let before = 0;
    for (let h = startHour - baselineHours; h < startHour; h++) before += at(h);
    // the hours strictly inside the gap (the first and last hold the vessel's own reports); for very long gaps
    // (recordings months apart) the first MAX_GAP_HOURS tell enough
    let during = 0;
    let duringHours = 0;
    const last = Math.min(endHour, startHour + 1 + MAX_GAP_HOURS);
    for (let h = startHour + 1; h < last; h++) {
      during += at(h);
      duringHours++;
    }
    return {
      before: baselineHours > 0 ? before / baselineHours : 0,
      during: duringHours > 0 ? during / duringHours : 0,
    };
  }

  private ring(lat: number, lon: number): { cy: number; cx: number }[] {
    const { cy, cx } = this.cellOf(lat, lon);
    const out: { cy: number; cx: number }[] = [];
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) out.push({ cy: cy + dy, cx: cx + dx });
    return out;
  }

  /** The cells of the box spanned by two positions (at most 900; none when larger). */
  private box(lat1: number, lon1: number, lat2: number, lon2: number): { cy: number; cx: number }[] {
    const a = this.cellOf(Math.min(lat1, lat2), Math.min(lon1, lon2));
    const b = this.cellOf(Math.max(lat1, lat2), Math.max(lon1, lon2));
    if ((b.cy - a.cy + 1) * (b.cx - a.cx + 1) > 900) return [];
    const out: { cy: number; cx: number }[] = [];
    for (let cy = a.cy; cy <= b.cy; cy++) for (let cx = a.cx; cx <= b.cx; cx++) out.push({ cy, cx });
    return out;
  }

  /**
   * Confidence that a gap is the vessel's own silence, 0–1. The area's message rate during the gap is compared
   * with its rate in the `baselineHours` before it: around where the vessel was last seen and where it
   * reappeared (3×3 cells each), and along the straight path between them (a receiver outage the vessel
   * crossed shows there, as lanes through it fall silent). Each of these with a baseline gives 1 when it kept
   * at least half its usual rate and 0 under a tenth; the confidence is the lowest. With no baseline anywhere,
   * reports during the gap mean 1 (the vessel alone was silent), none mean 0.
   */
  gapConfidence(
    g: GapCandidate,
    baselineHours: number,
    dataEnd: number,
  ): { confidence: number; areaRateBefore: number; areaRateDuring: number } {
    const startHour = Math.floor(g.start / HOUR);
    const endHour = Math.floor((g.end ?? dataEnd) / HOUR);
    let confidence = Number.POSITIVE_INFINITY;
    let worst = { before: 0, during: 0 };
    let anyDuring = false;
    const consider = (r: { before: number; during: number }) => {
      if (r.during > 0) anyDuring = true;
      if (r.before <= 0) return;
      const c = ratioConfidence(r);
      if (c < confidence) {
        confidence = c;
        worst = r;
      }
    };
    consider(this.rates(this.ring(g.lat, g.lon), startHour, endHour, baselineHours));
    if (g.endLat !== null && g.endLon !== null) {
      consider(this.rates(this.ring(g.endLat, g.endLon), startHour, endHour, baselineHours));
      // where the vessel went meanwhile (the box between the two positions), cell by cell so that busy
      // endpoints do not hide a silent middle: the lower quartile of the cells with a real baseline (an outage
      // silences a part of the area, not all of it)
      const along = this.box(g.lat, g.lon, g.endLat, g.endLon)
        .map((c) => this.rates([c], startHour, endHour, baselineHours))
        .filter((r) => r.before >= MIN_CELL_RATE);
      if (along.length > 0) {
        along.sort((a, b) => ratioConfidence(a) - ratioConfidence(b));
        consider(along[Math.floor((along.length - 1) / 4)] as { before: number; during: number });
      }
    }
    if (!Number.isFinite(confidence)) {
      confidence = anyDuring ? 1 : 0;
      worst = this.rates(this.ring(g.lat, g.lon), startHour, endHour, baselineHours);
    }
    return {
      confidence: Math.round(confidence * 100) / 100,
      areaRateBefore: Math.round(worst.before * 10) / 10,
      areaRateDuring: Math.round(worst.during * 10) / 10,
    };
  }
}
