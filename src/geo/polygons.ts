/**
 * Point-in-polygon and distance-to-boundary over a set of (multi)polygons with holes, indexed by a uniform
 * grid so that one query touches a handful of edges, not every vertex.
 *
 * Semantics: even-odd (ray casting) over all rings of all polygons. That is the usual GeoJSON meaning for
 * polygons with holes and for a multipolygon whose parts do not overlap; polygons that only touch (shared
 * borders, e.g. neighbouring countries) also work, because a point lies inside at most one of them. Parts
 * that overlap cancel out (inside both = outside): merge them first (topojson-client `merge`).
 *
 * Coordinates are planar longitude/latitude degrees (`[lon, lat]` as in GeoJSON). Queries take `(lat, lon)`.
 *
 * Antimeridian and poles: rings must not jump across the antimeridian. Either split them at ±180°
 * (RFC 7946 §3.1.9; `cutAtAntimeridian` does it, also for rings that circle a pole, which it closes through
 * the pole), or use continuous longitudes beyond 180 (e.g. 170..190; a query at lon -175 is then also tried
 * at 185). Edges lying on the antimeridian (lon ±180) or on a pole (lat ±90) are taken to be such cuts: they
 * bound the polygon for `contains`, but `distanceToBoundaryM` ignores them, so the cut is no "coast".
 * Distances wrap around the antimeridian when the grid spans the whole globe (as the land index does);
 * otherwise they do not look across it.
 *
 * The grid: every edge is registered in each cell its segment passes through. A cell with no edges is
 * wholly inside or wholly outside; that status is computed once at build time. A query in such a cell is
 * one array read. A query in a cell with edges casts the usual ray eastwards, but only through the cells of
 * its row up to the next edge-free cell, whose known status closes the count. Crossings are counted in the
 * cell where they happen, so an edge spanning several cells is never counted twice. The result is exactly
 * the naive ray-casting test (`pointInPolygonsNaive`), which the tests cross-check on random points.
 */
import { METRES_PER_DEGREE } from './distance.ts';

/** A GeoJSON position, `[lon, lat]` (extra elements such as altitude are ignored). */
export type Position = readonly number[];
/** A linear ring: closed (first = last) as in GeoJSON; an unclosed ring is closed implicitly. */
export type Ring = readonly Position[];
/** A polygon: outer ring, then holes (GeoJSON `Polygon.coordinates`). */
export type PolygonRings = readonly Ring[];

/** `[minLon, minLat, maxLon, maxLat]` */
export type BBox = [number, number, number, number];

export interface PolygonIndexOptions {
  /**
   * Grid cell size in degrees. Default: chosen from the edge count and bounding box so that there are
   * about 16 cells per edge (at most about 2 million cells), between 0.01° and 1°.
   */
  cellDeg?: number;
}

const RAD = Math.PI / 180;
/** Widening of the cells an edge is registered in, against rounding at cell borders (degrees). */
const REGISTER_EPS = 1e-9;
const MAX_AUTO_CELLS = 2_000_000;

export class PolygonIndex {
  readonly bbox: BBox;
  readonly cellDeg: number;
  readonly cols: number;
  readonly rows: number;
  readonly edgeCount: number;
  /** True when the grid spans all longitudes: distance searches then wrap around the antimeridian. */
  readonly wrapsLon: boolean;

  private readonly minX: number;
  private readonly minY: number;
  private readonly maxX: number;
  private readonly maxY: number;
  private readonly inv: number;
  /** CSR: the edges of cell i are entries cellStart[i] .. cellStart[i+1]-1 of cellEdges. */
  private readonly cellStart: Int32Array;
  /** 4 numbers per entry: x1, y1, x2, y2 (copied per cell for locality). */
  private readonly cellEdges: Float64Array;
  /** For edge-free cells: 1 = inside, 0 = outside. */
  private readonly emptyInside: Uint8Array;
  /** Chessboard distance (cells) from an edge-free cell to the nearest cell with edges, capped at 255. */
  private readonly emptyDist: Uint8Array;

  constructor(polygons: readonly PolygonRings[], options: PolygonIndexOptions = {}) {
    const edges = collectEdges(polygons);
    const edgeCount = edges.length / 4;
    this.edgeCount = edgeCount;
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < edges.length; i += 2) {
      const x = edges[i];
      const y = edges[i + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (edgeCount === 0) {
      minX = minY = maxX = maxY = 0;
    }
    this.bbox = [minX, minY, maxX, maxY];

    let cellDeg = options.cellDeg ?? autoCellDeg(maxX - minX, maxY - minY, edgeCount);
    if (!(cellDeg > 0)) throw new RangeError(`cellDeg must be > 0, got ${cellDeg}`);
    this.wrapsLon = minX <= -180 && maxX >= 180;
    let gridMinX = minX;
    let cols: number;
    if (this.wrapsLon && maxX - minX === 360) {
      // A whole number of columns over exactly 360° so that wrapping the column index is exact.
      cols = Math.max(1, Math.round(360 / cellDeg));
      cellDeg = 360 / cols;
      gridMinX = -180;
    } else {
      cols = Math.max(1, Math.ceil((maxX - minX) / cellDeg));
    }
    if (this.wrapsLon && maxX - minX !== 360) this.wrapsLon = false;
    const rows = Math.max(1, Math.ceil((maxY - minY) / cellDeg));
    this.cellDeg = cellDeg;
    this.cols = cols;
    this.rows = rows;
    this.minX = gridMinX;
    this.minY = minY;
    this.maxX = maxX;
    this.maxY = maxY;
    this.inv = 1 / cellDeg;

    const nCells = cols * rows;
    // Pass 1 counts entries per cell, pass 2 fills them (compressed sparse rows).
    const counts = new Int32Array(nCells + 1);
    this.forEachEdgeCell(edges, (cell) => {
      counts[cell + 1]++;
    });
    for (let i = 0; i < nCells; i++) counts[i + 1] += counts[i];
    const cellStart = counts;
    const fill = cellStart.slice(0, nCells);
    const cellEdges = new Float64Array(cellStart[nCells] * 4);
    this.forEachEdgeCell(edges, (cell, e) => {
      const k = fill[cell]++ * 4;
      cellEdges[k] = edges[e];
      cellEdges[k + 1] = edges[e + 1];
      cellEdges[k + 2] = edges[e + 2];
      cellEdges[k + 3] = edges[e + 3];
    });
    this.cellStart = cellStart;
    this.cellEdges = cellEdges;

    // Status of edge-free cells, right to left per row: each walk ends at an already-known cell.
    this.emptyInside = new Uint8Array(nCells);
    for (let r = 0; r < rows; r++) {
      const cy = minY + (r + 0.5) * cellDeg;
      for (let c = cols - 1; c >= 0; c--) {
        const cell = r * cols + c;
        if (cellStart[cell] !== cellStart[cell + 1]) continue;
        const cx = gridMinX + (c + 0.5) * cellDeg;
        this.emptyInside[cell] = c + 1 < cols ? this.walk(cx, cy, r, c + 1) : 0;
      }
    }
    this.emptyDist = chessboardDistance(cellStart, cols, rows);
    if (this.wrapsLon) {
      // The transform does not look across the antimeridian: cap each cell at its distance to the seam.
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const i = r * cols + c;
          const seam = Math.min(c + 1, cols - c);
          if (this.emptyDist[i] > seam) this.emptyDist[i] = seam;
        }
      }
    }
  }

  /** Builds an index from a GeoJSON Polygon, MultiPolygon, Feature, FeatureCollection or GeometryCollection. */
  static fromGeoJson(geojson: unknown, options?: PolygonIndexOptions): PolygonIndex {
    return new PolygonIndex(polygonsOf(geojson), options);
  }

  /** Whether (lat, lon) is inside (even-odd rule). Points exactly on an edge may go either way. */
  contains(lat: number, lon: number): boolean {
    if (lat < this.minY || lat > this.maxY) return false;
    if (lon >= this.minX && lon <= this.maxX && this.containsX(lat, lon)) return true;
    // Continuous-longitude rings beyond ±180.
    if (this.maxX > 180 && lon + 360 <= this.maxX && lon + 360 >= this.minX)
      return this.containsX(lat, lon + 360);
    if (this.minX < -180 && lon - 360 >= this.minX && lon - 360 <= this.maxX)
      return this.containsX(lat, lon - 360);
    // 180 and -180 are one meridian: a ring split there has its edge on the west side of the -180 part.
    if (lon === 180 && this.minX <= -180) return this.containsX(lat, -180);
    return false;
  }

  private containsX(py: number, px: number): boolean {
    let r = Math.floor((py - this.minY) * this.inv);
    if (r >= this.rows) r = this.rows - 1;
    let c = Math.floor((px - this.minX) * this.inv);
    if (c >= this.cols) c = this.cols - 1;
    else if (c < 0) c = 0;
    const cell = r * this.cols + c;
    if (this.cellStart[cell] === this.cellStart[cell + 1]) return this.emptyInside[cell] === 1;
    return this.walk(px, py, r, c) === 1;
  }

  /** Parity of eastward ray crossings from (px, py) through row r starting at column c, closed by the first edge-free cell. */
  private walk(px: number, py: number, r: number, c: number): number {
    const cols = this.cols;
    const start = this.cellStart;
    const e = this.cellEdges;
    const minX = this.minX;
    const inv = this.inv;
    const lastCol = cols - 1;
    const rowBase = r * cols;
    let parity = 0;
    for (; c < cols; c++) {
      const cell = rowBase + c;
      let i = start[cell];
      const end = start[cell + 1];
      if (i === end) return parity ^ this.emptyInside[cell];
      for (i *= 4; i < end * 4; i += 4) {
        const y1 = e[i + 1];
        const y2 = e[i + 3];
        if (y1 > py !== y2 > py) {
          const x1 = e[i];
          const xi = x1 + ((py - y1) * (e[i + 2] - x1)) / (y2 - y1);
          if (xi > px) {
            let xc = Math.floor((xi - minX) * inv);
            if (xc > lastCol) xc = lastCol;
            if (xc === c) parity ^= 1;
          }
        }
      }
    }
    return parity;
  }

  /**
   * Distance in metres from (lat, lon) to the nearest polygon edge, or `maxM` when no edge is nearer.
   * Computed in a local equirectangular projection around the query point: within 0.1% for distances up
   * to 100 km below 70° latitude (see distance.ts), which is plenty for shore/port thresholds.
   */
  distanceToBoundaryM(lat: number, lon: number, maxM: number): number {
    if (!(maxM > 0) || this.edgeCount === 0) return Math.max(0, maxM);
    let qx = lon;
    if (!this.wrapsLon) {
      // Use the longitude branch that lies nearer the grid (continuous-longitude data).
      if (qx + 360 <= this.maxX + 1 && qx < this.minX) qx += 360;
      else if (qx - 360 >= this.minX - 1 && qx > this.maxX) qx -= 360;
    } else if (qx >= 180) qx -= 360;
    const ky = METRES_PER_DEGREE;
    const kx = Math.cos(lat * RAD) * METRES_PER_DEGREE;
    const cellH = this.cellDeg * ky;
    // Narrowest cell width within reach (cells shrink towards the poles).
    const reachDeg = maxM / ky;
    const farLat = Math.min(89.999, Math.abs(lat) + reachDeg + this.cellDeg);
    const cellW = Math.max(this.cellDeg * Math.cos(farLat * RAD) * METRES_PER_DEGREE, 1e-6);
    const kRows = Math.ceil(maxM / cellH) + 1;
    let kCols = Math.ceil(maxM / cellW) + 1;
    if (this.wrapsLon && kCols > this.cols >> 1) kCols = this.cols >> 1;
    const kMax = Math.max(kRows, kCols);
    // Far outside the bounding box: nothing within reach.
    const outY = Math.max(this.minY - lat, lat - this.maxY, 0) * ky;
    const outX = this.wrapsLon ? 0 : Math.max(this.minX - qx, qx - this.maxX, 0) * (cellW / this.cellDeg);
    if (outY >= maxM || outX >= maxM) return maxM;
    const rq = Math.floor((lat - this.minY) * this.inv);
    const cq = Math.floor((qx - this.minX) * this.inv);

    let kStart = 0;
    if (rq >= 0 && rq < this.rows && cq >= 0 && cq < this.cols) {
      const d = this.emptyDist[rq * this.cols + cq];
      if (d > 0) {
        // Rings 0 .. d-1 around this cell hold no edges: anything nearer than (d-1) cells is excluded.
        if ((d - 1) * Math.min(cellH, cellW) >= maxM) return maxM;
        kStart = d;
      }
    }

    let best2 = maxM * maxM;
    const start = this.cellStart;
    const e = this.cellEdges;
    const cols = this.cols;
    for (let k = kStart; k <= kMax; k++) {
      const ringLow = (k - 1) * Math.min(cellH, cellW);
      if (ringLow > 0 && ringLow * ringLow >= best2) break;
      const rLo = Math.max(0, rq - Math.min(k, kRows));
      const rHi = Math.min(this.rows - 1, rq + Math.min(k, kRows));
      const kc = Math.min(k, kCols);
      // Columns of this ring's top and bottom rows (clipped to the grid unless it wraps).
      let cLo = cq - kc;
      let cHi = cq + kc;
      if (!this.wrapsLon) {
        if (cLo < 0) cLo = 0;
        if (cHi > cols - 1) cHi = cols - 1;
      }
      for (let r = rLo; r <= rHi; r++) {
        const dr = r > rq ? r - rq : rq - r;
        const rowLow = dr > 0 ? (dr - 1) * cellH : 0;
        if (rowLow * rowLow >= best2) continue;
        if (dr === k) {
          for (let c = cLo; c <= cHi; c++) {
            const dc = c > cq ? c - cq : cq - c;
            const colLow = dc > 0 ? (dc - 1) * cellW : 0;
            if (colLow * colLow < best2) best2 = this.scanCell(r, c, lat, qx, kx, ky, best2, start, e);
          }
        } else if (k <= kCols) {
          // Middle rows: only the ring's left and right columns.
          const colLow = (k - 1) * cellW;
          if (colLow * colLow >= best2) continue;
          best2 = this.scanCell(r, cq - k, lat, qx, kx, ky, best2, start, e);
          best2 = this.scanCell(r, cq + k, lat, qx, kx, ky, best2, start, e);
        }
      }
    }
    return Math.min(maxM, Math.sqrt(best2));
  }

  private scanCell(
    r: number,
    c: number,
    qy: number,
    qx: number,
    kx: number,
    ky: number,
    best2: number,
    start: Int32Array,
    e: Float64Array,
  ): number {
    if (c < 0 || c >= this.cols) {
      if (!this.wrapsLon) return best2;
      c = ((c % this.cols) + this.cols) % this.cols;
    }
    const cell = r * this.cols + c;
    const end = start[cell + 1] * 4;
    for (let i = start[cell] * 4; i < end; i += 4) {
      if (isCutEdge(e[i], e[i + 1], e[i + 2], e[i + 3])) continue;
      let dx1 = e[i] - qx;
      if (this.wrapsLon) {
        if (dx1 > 180) dx1 -= 360;
        else if (dx1 < -180) dx1 += 360;
      }
      // Relative to the first end, so the segment stays in one piece (edges never cross the antimeridian).
      const dx2 = dx1 + (e[i + 2] - e[i]);
      const ax = dx1 * kx;
      const ay = (e[i + 1] - qy) * ky;
      const bx = dx2 * kx;
      const by = (e[i + 3] - qy) * ky;
      const vx = bx - ax;
      const vy = by - ay;
      const len2 = vx * vx + vy * vy;
      let t = len2 > 0 ? -(ax * vx + ay * vy) / len2 : 0;
      if (t < 0) t = 0;
      else if (t > 1) t = 1;
      const px = ax + t * vx;
      const py = ay + t * vy;
      const d2 = px * px + py * py;
      if (d2 < best2) best2 = d2;
    }
    return best2;
  }

  /** Calls `visit(cell, edgeOffset)` for every cell each edge's segment passes through. */
  private forEachEdgeCell(edges: Float64Array, visit: (cell: number, edgeOffset: number) => void): void {
    const { minY, cols, rows } = this;
    const minX = this.minX;
    const inv = this.inv;
    const cs = this.cellDeg;
    const colOf = (x: number) => Math.min(cols - 1, Math.max(0, Math.floor((x - minX) * inv)));
    const rowOf = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor((y - minY) * inv)));
    for (let e = 0; e < edges.length; e += 4) {
      const x1 = edges[e];
      const y1 = edges[e + 1];
      const x2 = edges[e + 2];
      const y2 = edges[e + 3];
      const yLo = Math.min(y1, y2);
      const yHi = Math.max(y1, y2);
      const r0 = rowOf(yLo - REGISTER_EPS);
      const r1 = rowOf(yHi + REGISTER_EPS);
      for (let r = r0; r <= r1; r++) {
        // The part of the segment within this row's latitude band (slightly widened), then its columns.
        let xa: number;
        let xb: number;
        if (y1 === y2) {
          xa = x1;
          xb = x2;
        } else {
          const bandLo = Math.max(yLo, minY + r * cs - REGISTER_EPS);
          const bandHi = Math.min(yHi, minY + (r + 1) * cs + REGISTER_EPS);
          const slope = (x2 - x1) / (y2 - y1);
          xa = x1 + (bandLo - y1) * slope;
          xb = x1 + (bandHi - y1) * slope;
        }
        const c0 = colOf(Math.min(xa, xb) - REGISTER_EPS);
        const c1 = colOf(Math.max(xa, xb) + REGISTER_EPS);
        const base = r * cols;
        for (let c = c0; c <= c1; c++) visit(base + c, e);
      }
    }
  }
}

/** An edge along the antimeridian or a pole: a cut through the polygon, not a real boundary. */
function isCutEdge(x1: number, y1: number, x2: number, y2: number): boolean {
  return (x1 === x2 && (x1 === 180 || x1 === -180)) || (y1 === y2 && (y1 === 90 || y1 === -90));
}

function autoCellDeg(width: number, height: number, edgeCount: number): number {
  const area = Math.max(width, 1e-6) * Math.max(height, 1e-6);
  const targetCells = Math.min(MAX_AUTO_CELLS, Math.max(64, edgeCount * 16));
  const deg = Math.sqrt(area / targetCells);
  return Math.min(1, Math.max(0.01, deg));
}

/** Edges of all rings as x1, y1, x2, y2 quadruples, zero-length edges dropped, unclosed rings closed. */
function collectEdges(polygons: readonly PolygonRings[]): Float64Array {
  let n = 0;
  for (const polygon of polygons) for (const ring of polygon) n += ring.length;
  const out = new Float64Array(n * 4);
  let k = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const len = ring.length;
      if (len < 2) continue;
      for (let i = 0; i < len; i++) {
        const a = ring[i];
        const b = ring[i + 1 < len ? i + 1 : 0];
        if (a[0] === b[0] && a[1] === b[1]) continue;
        out[k++] = a[0];
        out[k++] = a[1];
        out[k++] = b[0];
        out[k++] = b[1];
      }
    }
  }
  return out.slice(0, k);
}

/** Chessboard distance (in cells) from each cell to the nearest cell with edges (0 for those), capped at 255. */
function chessboardDistance(cellStart: Int32Array, cols: number, rows: number): Uint8Array {
  const n = cols * rows;
  const d = new Uint8Array(n);
  for (let i = 0; i < n; i++) d[i] = cellStart[i] === cellStart[i + 1] ? 255 : 0;
  // Two-pass chamfer over the 8-neighbourhood: exact for the chessboard metric.
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      let v = d[i];
      if (v === 0) continue;
      if (c > 0) v = Math.min(v, d[i - 1] + 1);
      if (r > 0) {
        v = Math.min(v, d[i - cols] + 1);
        if (c > 0) v = Math.min(v, d[i - cols - 1] + 1);
        if (c < cols - 1) v = Math.min(v, d[i - cols + 1] + 1);
      }
      d[i] = Math.min(v, 255);
    }
  }
  for (let r = rows - 1; r >= 0; r--) {
    for (let c = cols - 1; c >= 0; c--) {
      const i = r * cols + c;
      let v = d[i];
      if (v === 0) continue;
      if (c < cols - 1) v = Math.min(v, d[i + 1] + 1);
      if (r < rows - 1) {
        v = Math.min(v, d[i + cols] + 1);
        if (c < cols - 1) v = Math.min(v, d[i + cols + 1] + 1);
        if (c > 0) v = Math.min(v, d[i + cols - 1] + 1);
      }
      d[i] = Math.min(v, 255);
    }
  }
  return d;
}

/**
 * The polygons of a GeoJSON object: Polygon, MultiPolygon, Feature, FeatureCollection or
 * GeometryCollection (non-polygon members are an error). No validation beyond structure: see zones.ts
 * `zoneFromGeoJson` for user input.
 */
export function polygonsOf(geojson: unknown): PolygonRings[] {
  const out: PolygonRings[] = [];
  const visit = (g: unknown): void => {
    if (!g || typeof g !== 'object') throw new TypeError('not a GeoJSON object');
    const o = g as {
      type?: unknown;
      coordinates?: unknown;
      geometry?: unknown;
      features?: unknown;
      geometries?: unknown;
    };
    switch (o.type) {
      case 'Polygon':
        out.push(o.coordinates as PolygonRings);
        return;
      case 'MultiPolygon':
        for (const p of o.coordinates as PolygonRings[]) out.push(p);
        return;
      case 'Feature':
        visit(o.geometry);
        return;
      case 'FeatureCollection':
        for (const f of o.features as unknown[]) visit(f);
        return;
      case 'GeometryCollection':
        for (const f of o.geometries as unknown[]) visit(f);
        return;
      default:
        throw new TypeError(`not a polygon geometry: ${String(o.type)}`);
    }
  };
  visit(geojson);
  return out;
}

/** Bounding box of polygons' outer rings, `[minLon, minLat, maxLon, maxLat]`. */
export function bboxOf(polygons: readonly PolygonRings[]): BBox {
  const b: BBox = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer) continue;
    for (const p of outer) {
      if (p[0] < b[0]) b[0] = p[0];
      if (p[1] < b[1]) b[1] = p[1];
      if (p[0] > b[2]) b[2] = p[0];
      if (p[1] > b[3]) b[3] = p[1];
    }
  }
  return b;
}

/**
 * Reference implementation: plain even-odd ray casting over every edge of every ring (O(vertices)).
 * For tests and for one-off checks; use PolygonIndex for anything repeated.
 */
export function pointInPolygonsNaive(lat: number, lon: number, polygons: readonly PolygonRings[]): boolean {
  let inside = false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const n = ring.length;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const x1 = ring[j][0];
        const y1 = ring[j][1];
        const x2 = ring[i][0];
        const y2 = ring[i][1];
        if (y1 > lat !== y2 > lat) {
          const xi = x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1);
          if (xi > lon) inside = !inside;
        }
      }
    }
  }
  return inside;
}

/** Reference: distance in metres to the nearest edge by scanning every edge (same local projection). */
export function distanceToBoundaryNaiveM(
  lat: number,
  lon: number,
  polygons: readonly PolygonRings[],
): number {
  const kx = Math.cos(lat * RAD) * METRES_PER_DEGREE;
  const ky = METRES_PER_DEGREE;
  let best2 = Number.POSITIVE_INFINITY;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const n = ring.length;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        if (isCutEdge(ring[j][0], ring[j][1], ring[i][0], ring[i][1])) continue;
        let dx1 = ring[j][0] - lon;
        if (dx1 > 180) dx1 -= 360;
        else if (dx1 < -180) dx1 += 360;
        const dx2 = dx1 + (ring[i][0] - ring[j][0]);
        const ax = dx1 * kx;
        const ay = (ring[j][1] - lat) * ky;
        const vx = dx2 * kx - ax;
        const vy = (ring[i][1] - lat) * ky - ay;
        const len2 = vx * vx + vy * vy;
        let t = len2 > 0 ? -(ax * vx + ay * vy) / len2 : 0;
        if (t < 0) t = 0;
        else if (t > 1) t = 1;
        const px = ax + t * vx;
        const py = ay + t * vy;
        const d2 = px * px + py * py;
        if (d2 < best2) best2 = d2;
      }
    }
  }
  return Math.sqrt(best2);
}

/**
 * Makes spherical-style rings planar: rings whose edges jump across the antimeridian (d3 / world-atlas
 * "stitched" data: an edge from 179.9 to -180) are cut into pieces on either side of ±180°, and rings
 * that circle a pole (their longitudes wind once around the globe, like Antarctica's coast) are closed
 * through that pole first. Rings that need neither come back unchanged. Every output polygon is a single
 * ring (holes become separate entries, which is the same thing under the even-odd rule).
 */
export function cutAtAntimeridian(polygons: readonly PolygonRings[]): PolygonRings[] {
  const out: PolygonRings[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) for (const piece of cutRing(ring)) out.push([piece]);
  }
  return out;
}

function cutRing(ring: Ring): Ring[] {
  if (ring.length < 3) return [];
  const closed =
    ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]
      ? ring
      : [...ring, ring[0]];
  const n = closed.length;
  // Unwrapped (continuous) longitudes: each step is taken the short way round.
  const u: number[][] = [[closed[0][0], closed[0][1]]];
  let jumps = false;
  for (let i = 1; i < n; i++) {
    let d = closed[i][0] - closed[i - 1][0];
    if (d > 180) {
      d -= 360;
      jumps = true;
    } else if (d < -180) {
      d += 360;
      jumps = true;
    }
    u.push([u[i - 1][0] + d, closed[i][1]]);
  }
  if (!jumps) return [ring];
  const winding = u[n - 1][0] - u[0][0];
  if (Math.abs(winding) > 180) {
    // Circles a pole: from the end (the start shifted by 360°) go to the pole, back along it to the
    // start's meridian, and up to the start.
    let latSum = 0;
    for (const p of closed) latSum += p[1];
    const poleLat = latSum < 0 ? -90 : 90;
    u.push([u[n - 1][0], poleLat], [u[0][0], poleLat], [u[0][0], u[0][1]]);
  }
  let minU = Number.POSITIVE_INFINITY;
  let maxU = Number.NEGATIVE_INFINITY;
  for (const p of u) {
    if (p[0] < minU) minU = p[0];
    if (p[0] > maxU) maxU = p[0];
  }
  const pieces: Ring[] = [];
  // Each 360° strip the ring touches gives one piece, shifted back into [-180, 180].
  const kLo = Math.floor((minU + 180) / 360);
  const kHi = Math.ceil((maxU - 180) / 360);
  for (let k = kLo; k <= kHi; k++) {
    const clipped = clipX(clipX(u, -180 + 360 * k, true), 180 + 360 * k, false);
    if (clipped.length < 3) continue;
    const shifted = clipped.map((p) => {
      let x = p[0] - 360 * k;
      // Exactly ±180 on the cut, so that the cut edges are recognised as cuts.
      if (Math.abs(x - 180) < 1e-9) x = 180;
      else if (Math.abs(x + 180) < 1e-9) x = -180;
      return [x, p[1]];
    });
    const first = shifted[0];
    const last = shifted[shifted.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) shifted.push([first[0], first[1]]);
    if (shifted.length >= 4) pieces.push(shifted);
  }
  return pieces;
}

/** Sutherland–Hodgman against one vertical line: keep x >= at (keepAbove) or x <= at. */
function clipX(points: readonly number[][], at: number, keepAbove: boolean): number[][] {
  const out: number[][] = [];
  const n = points.length;
  if (n === 0) return out;
  const inside = (p: readonly number[]) => (keepAbove ? p[0] >= at : p[0] <= at);
  for (let i = 0; i < n; i++) {
    const p = points[i];
    const q = points[(i + 1) % n];
    const pIn = inside(p);
    const qIn = inside(q);
    if (pIn && qIn) out.push([q[0], q[1]]);
    else if (pIn && !qIn) out.push([at, p[1] + ((at - p[0]) * (q[1] - p[1])) / (q[0] - p[0])]);
    else if (!pIn && qIn) {
      out.push([at, p[1] + ((at - p[0]) * (q[1] - p[1])) / (q[0] - p[0])]);
      out.push([q[0], q[1]]);
    }
  }
  return out;
}
