/**
 * Ports from the NGA World Port Index (Pub 150, `UpdatedPub150.csv` layout: 109 columns, public domain)
 * and a grid index for "nearest port" / "ports within a radius" at detector speed.
 *
 * Positions come from the decimal `Latitude` / `Longitude` columns (the shared file has only those; other
 * Pub 150 releases add degrees-minutes text columns, which are ignored). Countries are names ("North Korea", "Congo (Kinshasa)"), mapped to ISO
 * 3166-1 alpha-2 with the project's country table (src/ftm/countries.ts); the US minor islands the table
 * does not know map to 'um'. UN/LOCODEs are written without the space ("KP NAM" → "KPNAM").
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sharedFile } from '../config/paths.ts';
import { countryCode } from '../ftm/countries.ts';
import { haversineM, METRES_PER_DEGREE } from './distance.ts';

export interface Port {
  /** World Port Index number. */
  id: number;
  name: string;
  /** '' when none. */
  alternateName: string;
  /** ISO 3166-1 alpha-2, lowercase ('kp' for the DPRK); '' when the country is unknown. */
  country: string;
  /** The country as the WPI writes it. */
  countryName: string;
  /** UN/LOCODE without the space, e.g. 'KPNAM'; '' when none. */
  unlocode: string;
  lat: number;
  lon: number;
  /** 'Very Small' | 'Small' | 'Medium' | 'Large' | '' */
  harborSize: string;
  /** e.g. 'Coastal (Natural)', 'River (Natural)', 'Open Roadstead'; '' when unknown. */
  harborType: string;
  /** e.g. 'Korea Bay; Yellow Sea; North Pacific Ocean'. */
  waterBody: string;
}

export interface PortHit {
  port: Port;
  distanceM: number;
}

const COUNTRY_OVERRIDES: Readonly<Record<string, string>> = {
  'midway islands': 'um',
  'johnson atoll': 'um',
  'wake island': 'um',
};

function portCountry(name: string): string {
  return COUNTRY_OVERRIDES[name.trim().toLowerCase()] ?? countryCode(name) ?? '';
}

/** The shared-data path of the World Port Index CSV, or undefined when absent. */
export function portsDataPath(): string | undefined {
  return sharedFile('geo', 'world-port-index.csv');
}

/** Parses the World Port Index CSV. Rows without a valid decimal position are skipped. */
export function parsePortsCsv(csv: string | Buffer): Port[] {
  const rows = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  if (rows.length === 0) return [];
  const header = rows[0].map((h) => h.trim());
  const col = (name: string, required = true): number => {
    const i = header.indexOf(name);
    if (i < 0 && required) throw new Error(`World Port Index CSV: column "${name}" not found`);
    return i;
  };
  const cId = col('World Port Index Number');
  const cName = col('Main Port Name');
  const cAlt = col('Alternate Port Name', false);
  const cCountry = col('Country Code');
  const cLocode = col('UN/LOCODE', false);
  const cLat = col('Latitude');
  const cLon = col('Longitude');
  const cSize = col('Harbor Size', false);
  const cType = col('Harbor Type', false);
  const cWater = col('World Water Body', false);
  const text = (row: string[], i: number) => (i >= 0 ? (row[i] ?? '').trim() : '');
  const ports: Port[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const lat = Number.parseFloat(row[cLat]);
    const lon = Number.parseFloat(row[cLon]);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    const countryName = text(row, cCountry);
    ports.push({
      id: Math.round(Number.parseFloat(row[cId])),
      name: text(row, cName),
      alternateName: text(row, cAlt),
      country: portCountry(countryName),
      countryName,
      unlocode: text(row, cLocode).replace(/\s+/g, '').toUpperCase(),
      // Round away float noise such as 38.716667000000001.
      lat: Math.round(lat * 1e7) / 1e7,
      lon: Math.round(lon * 1e7) / 1e7,
      harborSize: text(row, cSize),
      harborType: text(row, cType),
      waterBody: text(row, cWater),
    });
  }
  return ports;
}

/** Reads the World Port Index CSV (default: the shared-data copy). */
export function loadPorts(path: string | undefined = portsDataPath()): Port[] {
  if (!path) {
    throw new Error(
      'world-port-index.csv not found under the shared data folder (set WATCHKEEPER_SHARED_DATA or pass a path)',
    );
  }
  return parsePortsCsv(readFileSync(path));
}

const RAD = Math.PI / 180;

/**
 * Grid index over port positions (default cells 0.25°). `nearest` and `within` look only at the cells
 * that can hold a port within the radius, nearest rings first, and stop as soon as no closer port is
 * possible. Distances are great-circle (haversine). Longitudes wrap at the antimeridian.
 */
export class PortIndex {
  readonly ports: readonly Port[];
  readonly cellDeg: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly cellStart: Int32Array;
  private readonly cellPorts: Int32Array;
  private readonly lats: Float64Array;
  private readonly lons: Float64Array;
  private readonly byId = new Map<number, Port>();

  constructor(ports: readonly Port[], options: { cellDeg?: number } = {}) {
    this.ports = ports;
    const cellDeg = options.cellDeg ?? 0.25;
    this.cols = Math.round(360 / cellDeg);
    this.cellDeg = 360 / this.cols;
    this.rows = Math.ceil(180 / this.cellDeg);
    const nCells = this.cols * this.rows;
    this.lats = new Float64Array(ports.length);
    this.lons = new Float64Array(ports.length);
    const cellOf = new Int32Array(ports.length);
    const counts = new Int32Array(nCells + 1);
    ports.forEach((p, i) => {
      this.lats[i] = p.lat;
      this.lons[i] = p.lon;
      cellOf[i] = this.rowOf(p.lat) * this.cols + this.colOf(p.lon);
      counts[cellOf[i] + 1]++;
      if (!this.byId.has(p.id)) this.byId.set(p.id, p);
    });
    for (let i = 0; i < nCells; i++) counts[i + 1] += counts[i];
    this.cellStart = counts;
    const fill = counts.slice(0, nCells);
    this.cellPorts = new Int32Array(ports.length);
    for (let i = 0; i < ports.length; i++) this.cellPorts[fill[cellOf[i]]++] = i;
  }

  private rowOf(lat: number): number {
    const r = Math.floor((lat + 90) / this.cellDeg);
    return r < 0 ? 0 : r >= this.rows ? this.rows - 1 : r;
  }

  private colOf(lon: number): number {
    const c = Math.floor((lon + 180) / this.cellDeg);
    return ((c % this.cols) + this.cols) % this.cols;
  }

  /** The port by WPI number. */
  get(id: number): Port | undefined {
    return this.byId.get(id);
  }

  /** The nearest port within `maxM` metres, or undefined. */
  nearest(lat: number, lon: number, maxM: number): PortHit | undefined {
    let bestI = -1;
    let bestD = maxM;
    this.scan(lat, lon, maxM, (i, d) => {
      if (d <= bestD) {
        bestD = d;
        bestI = i;
      }
      return bestD;
    });
    return bestI < 0 ? undefined : { port: this.ports[bestI], distanceM: bestD };
  }

  /** Every port within `radiusM` metres, nearest first. */
  within(lat: number, lon: number, radiusM: number): PortHit[] {
    const hits: PortHit[] = [];
    this.scan(lat, lon, radiusM, (i, d) => {
      if (d <= radiusM) hits.push({ port: this.ports[i], distanceM: d });
      return radiusM;
    });
    return hits.sort((a, b) => a.distanceM - b.distanceM);
  }

  /** Whether any port lies within `radiusM` metres (cheaper than `nearest` when only the answer matters). */
  anyWithin(lat: number, lon: number, radiusM: number): boolean {
    let found = false;
    this.scan(lat, lon, radiusM, (_i, d) => {
      if (d <= radiusM) found = true;
      return found ? -1 : radiusM;
    });
    return found;
  }

  /**
   * Visits ports in cells that may lie within `reachM`, ring by ring around the query cell. `visit`
   * returns the current search radius (shrinking it prunes later rings; a negative value stops).
   */
  private scan(
    lat: number,
    lon: number,
    reachM: number,
    visit: (i: number, distanceM: number) => number,
  ): void {
    if (!(reachM >= 0) || this.ports.length === 0) return;
    const cs = this.cellDeg;
    const cellH = cs * METRES_PER_DEGREE;
    const farLat = Math.min(89.999, Math.abs(lat) + reachM / METRES_PER_DEGREE + cs);
    const cellW = Math.max(cs * Math.cos(farLat * RAD) * METRES_PER_DEGREE, 1e-6);
    const kRows = Math.ceil(reachM / cellH) + 1;
    const kCols = Math.ceil(reachM / cellW) + 1;
    if (2 * kCols + 1 >= this.cols) {
      // The reach covers every longitude: scan all ports.
      let radius = reachM;
      for (let i = 0; i < this.ports.length; i++) {
        const d = haversineM(lat, lon, this.lats[i], this.lons[i]);
        if (d <= radius) {
          radius = visit(i, d);
          if (radius < 0) return;
        }
      }
      return;
    }
    const rq = this.rowOf(lat);
    const cq = this.colOf(lon);
    let radius = reachM;
    const kMax = Math.max(kRows, kCols);
    for (let k = 0; k <= kMax; k++) {
      const ringLow = (k - 1) * Math.min(cellH, cellW);
      if (ringLow > radius) return;
      const rLo = Math.max(0, rq - Math.min(k, kRows));
      const rHi = Math.min(this.rows - 1, rq + Math.min(k, kRows));
      for (let r = rLo; r <= rHi; r++) {
        const dr = r > rq ? r - rq : rq - r;
        if (dr > 0 && (dr - 1) * cellH > radius) continue;
        // Top and bottom rows of the ring: all its columns; rows between: its left and right columns.
        const edgeRow = dr === k;
        if (!edgeRow && k > kCols) continue;
        const kc = Math.min(k, kCols);
        for (let dc = -kc; dc <= kc; dc += edgeRow ? 1 : 2 * k) {
          const adc = Math.abs(dc);
          if (adc > 0 && (adc - 1) * cellW > radius) continue;
          const cell = r * this.cols + ((((cq + dc) % this.cols) + this.cols) % this.cols);
          for (let j = this.cellStart[cell]; j < this.cellStart[cell + 1]; j++) {
            const i = this.cellPorts[j];
            const d = haversineM(lat, lon, this.lats[i], this.lons[i]);
            if (d <= radius) {
              radius = visit(i, d);
              if (radius < 0) return;
            }
          }
        }
      }
    }
  }
}

/** Loads the World Port Index (default: shared data) into a PortIndex. */
export function loadPortIndex(path?: string): PortIndex {
  return new PortIndex(loadPorts(path ?? portsDataPath()));
}
