/**
 * Reception coverage: messages per area cell and UTC hour, from every vessel. A vessel's silence means little
 * where everyone fell silent (a receiver outage, satellite revisit), and much where the area kept reporting.
 * The confidence of a gap compares the area's message rate during the gap with its rate before it.
 */
import type { GapCandidate } from './vessel.ts';

const HOUR = 3_600_000;
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

  add(t: number, lat: number, lon: number): void {
    const { cy, cx } = this.cellOf(lat, lon);
    const k = this.key(cy, cx, Math.floor(t / HOUR));
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
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

  /**
   * Confidence that a gap is the vessel's own silence, 0–1: the area's mean hourly rate during the gap over
   * its mean hourly rate in the `baselineHours` before it; 1 when the area kept at least half its usual rate,
   * 0 when it fell under a tenth (everyone vanished: reception, not the vessel). `dataEnd` bounds open gaps.
   */
  gapConfidence(
    g: GapCandidate,
    baselineHours: number,
    dataEnd: number,
  ): { confidence: number; areaRateBefore: number; areaRateDuring: number } {
    const startHour = Math.floor(g.start / HOUR);
    const endHour = Math.floor((g.end ?? dataEnd) / HOUR);
    let before = 0;
    let beforeHours = 0;
    for (let h = startHour - baselineHours; h < startHour; h++) {
      before += this.around(g.lat, g.lon, h);
      beforeHours++;
    }
    // the hours strictly inside the gap (the first and last hold the vessel's own reports); for very long gaps
    // (recordings months apart) the first MAX_GAP_HOURS tell enough
    let during = 0;
    let duringHours = 0;
    const last = Math.min(endHour, startHour + 1 + MAX_GAP_HOURS);
    for (let h = startHour + 1; h < last; h++) {
      during += this.around(g.lat, g.lon, h);
      duringHours++;
    }
    const rateBefore = beforeHours > 0 ? before / beforeHours : 0;
    const rateDuring = duringHours > 0 ? during / duringHours : 0;
    let confidence: number;
    // no baseline (the data begins with the gap): the area reporting during it says the vessel alone was
    // silent; nothing reporting says nothing
    if (rateBefore <= 0) confidence = rateDuring > 0 ? 1 : 0;
    else confidence = Math.max(0, Math.min(1, (rateDuring / rateBefore - 0.1) / 0.4));
    return {
      confidence: Math.round(confidence * 100) / 100,
      areaRateBefore: Math.round(rateBefore * 10) / 10,
      areaRateDuring: Math.round(rateDuring * 10) / 10,
    };
  }
}
