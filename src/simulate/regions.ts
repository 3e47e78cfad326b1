/**
 * Region presets: the ports (by World Port Index number; positions come from the WPI), a hand-made lane
 * network of waypoints at sea, fishing grounds, AIS receiving stations, and the open-sea areas where
 * planted behaviours (ship-to-ship transfers, loitering carriers, spoofing) take place.
 *
 * Every lane edge is checked against Natural Earth land by regions.test.ts (≥ 3 km offshore along its
 * whole length, so that vessels offset up to 2 km to starboard stay ≥ 1 km from land), and every port
 * approach outside its port's harbour radius likewise (≥ 1.5 km).
 */

export type LatLon = readonly [lat: number, lon: number];

export interface RegionPort {
  /** Short key used in lane definitions. */
  key: string;
  /** World Port Index number: name, country and position are read from the WPI. */
  wpi: number;
  /**
   * Waypoints from a lane node (first, a node key) to the harbour, the last about 12 km from the port
   * (ships keep their lane slots up to there, then converge on their berth); the berth is placed within
   * 2 km of the WPI position beyond the last waypoint.
   */
  approach: readonly [string, ...LatLon[]];
  /**
   * Radius (m) around the WPI position inside which ships may be close to land or on it as Natural Earth
   * draws it (river and estuary ports lie inside the 1:50m land polygon). Default 5 km.
   */
  harbourM?: number;
  /** Relative share of port calls. */
  weight: number;
  /** Which fleets call here. */
  trade: readonly ('international' | 'china' | 'korea' | 'dprk')[];
}

export interface FishingGround {
  name: string;
  /** [minLat, minLon, maxLat, maxLon] */
  box: readonly [number, number, number, number];
  flags: readonly (readonly [flag: 'cn' | 'kr' | 'kp', weight: number])[];
  weight: number;
}

export interface Station {
  /** Tag-block source `s:`. */
  name: string;
  at: LatLon;
  rangeM: number;
}

export interface PlantArea {
  name: string;
  centre: LatLon;
  radiusM: number;
  /** What may be planted here. */
  uses: readonly ('encounter' | 'loitering' | 'outage')[];
}

export interface RegionPreset {
  name: string;
  description: string;
  /** [minLat, minLon, maxLat, maxLon] of the simulated area. */
  bounds: readonly [number, number, number, number];
  ports: readonly RegionPort[];
  nodes: Readonly<Record<string, LatLon>>;
  edges: readonly (readonly [string, string])[];
  fishing: readonly FishingGround[];
  stations: readonly Station[];
  /** Receiver used where no coastal station reaches (satellite AIS). */
  satellite: string;
  plantAreas: readonly PlantArea[];
}

/**
 * The Yellow Sea, Bohai and Korea Bay: Chinese ports of Tianjin, Dalian, Longkou, Yantai and Qingdao,
 * Korean ports of Incheon, Pyeongtaek, Mokpo and Busan, and the DPRK's west-coast ports Nampo, Songnim and
 * Haeju, the trade the UN Panel of Experts reports most ship-to-ship transfers and dark port calls in.
 */
export const YELLOW_SEA: RegionPreset = {
  name: 'yellow-sea',
  description: 'Yellow Sea, Bohai and Korea Bay: Chinese, South Korean and DPRK west-coast ports',
  bounds: [33.4, 117.5, 40.6, 129.3],
  ports: [
    {
      key: 'TJ',
      wpi: 60190,
      approach: ['TJ_A', [38.962, 117.972]],
      weight: 5,
      trade: ['international', 'china'],
    },
    {
      key: 'DL',
      wpi: 60250,
      approach: ['DL_A', [38.85, 121.8]],
      weight: 5,
      trade: ['international', 'china', 'dprk'],
    },
    {
      key: 'LK',
      wpi: 60170,
      approach: ['LK_A', [37.738, 120.251]],
      harbourM: 8_000,
      weight: 2,
      trade: ['china', 'dprk'],
    },
    {
      key: 'YT',
      wpi: 60160,
      approach: ['YT_A', [37.658, 121.45]],
      weight: 3,
      trade: ['international', 'china', 'dprk'],
    },
    {
      key: 'QD',
      wpi: 60140,
      approach: ['QD_A', [35.973, 120.377]],
      weight: 5,
      trade: ['international', 'china'],
    },
    {
      key: 'IC',
      wpi: 60320,
      approach: ['IC_A', [37.4, 126.45]],
      weight: 5,
      trade: ['international', 'korea'],
    },
    {
      key: 'PT',
      wpi: 60325,
      approach: ['PT_A', [37.06, 126.6], [37.038, 126.673]],
      weight: 3,
      trade: ['international', 'korea'],
    },
    {
      key: 'MK',
      wpi: 60340,
      approach: ['MK_A', [34.66, 126.1], [34.74, 126.24]],
      harbourM: 15_000,
      weight: 2,
      trade: ['international', 'korea'],
    },
    { key: 'BU', wpi: 60390, approach: ['BU_A'], weight: 3, trade: ['international', 'korea'] },
    // Nampo and Songnim lie up the Taedong estuary, which Natural Earth 1:50m draws as land
    {
      key: 'NP',
      wpi: 60280,
      approach: ['NP_A', [38.72, 125.15], [38.719, 125.262]],
      harbourM: 25_000,
      weight: 3,
      trade: ['dprk'],
    },
    {
      key: 'SN',
      wpi: 60290,
      approach: ['NP_A', [38.72, 125.15], [38.7167, 125.4]],
      harbourM: 30_000,
      weight: 1,
      trade: ['dprk'],
    },
    {
      key: 'HJ',
      wpi: 60310,
      approach: ['HJ_A', [37.8, 125.7], [37.892, 125.7]],
      harbourM: 10_000,
      weight: 1,
      trade: ['dprk'],
    },
  ],
  nodes: {
    TJ_A: [38.95, 118.3],
    BH_C: [38.75, 119.4],
    BH_E: [38.45, 120.4],
    LK_A: [37.9, 120.2],
    BS: [38.45, 121.0],
    DL_A: [38.7, 122.0],
    YT_A: [37.8, 121.45],
    NY: [38.2, 122.4],
    SD_E: [37.45, 123.0],
    KB_W: [38.8, 123.2],
    KB_S: [38.45, 124.1],
    NP_A: [38.6, 124.85],
    KW_N: [37.5, 124.6],
    HJ_A: [37.65, 125.5],
    IC_A: [37.25, 126.0],
    PT_A: [37.13, 126.3],
    YS_N: [37.0, 124.0],
    YS_C: [36.0, 123.5],
    YS_W: [35.7, 121.5],
    QD_A: [35.85, 120.6],
    KR_W: [36.6, 125.6],
    KR_SW: [35.4, 125.4],
    YS_S: [34.6, 124.8],
    MK_A: [34.7, 125.9],
    KR_S: [34.1, 126.0],
    KS_1: [33.9, 127.2],
    KS_2: [34.4, 128.3],
    KS_3: [34.6, 128.85],
    BU_A: [34.98, 129.02],
  },
  edges: [
    ['TJ_A', 'BH_C'],
    ['BH_C', 'BH_E'],
    ['BH_E', 'LK_A'],
    ['BH_E', 'BS'],
    ['BS', 'DL_A'],
    ['BS', 'YT_A'],
    ['BS', 'NY'],
    ['DL_A', 'NY'],
    ['DL_A', 'KB_W'],
    ['NY', 'KB_W'],
    ['NY', 'SD_E'],
    ['YT_A', 'SD_E'],
    ['KB_W', 'KB_S'],
    ['KB_S', 'NP_A'],
    ['KB_S', 'KW_N'],
    ['NY', 'KB_S'],
    ['KW_N', 'HJ_A'],
    ['KW_N', 'IC_A'],
    ['KW_N', 'YS_N'],
    ['SD_E', 'YS_N'],
    ['YS_N', 'IC_A'],
    ['YS_N', 'KR_W'],
    ['KR_W', 'IC_A'],
    ['IC_A', 'PT_A'],
    ['SD_E', 'YS_C'],
    ['YS_C', 'YS_W'],
    ['YS_W', 'QD_A'],
    ['YS_C', 'KR_W'],
    ['YS_C', 'KR_SW'],
    ['KR_SW', 'KR_W'],
    ['KR_SW', 'YS_S'],
    ['YS_S', 'MK_A'],
    ['YS_S', 'KR_S'],
    ['MK_A', 'KR_S'],
    ['KR_S', 'KS_1'],
    ['KS_1', 'KS_2'],
    ['KS_2', 'KS_3'],
    ['KS_3', 'BU_A'],
    ['YS_C', 'YS_S'],
  ],
  fishing: [
    { name: 'Bohai', box: [38.3, 119.0, 39.4, 120.8], flags: [['cn', 1]], weight: 3 },
    {
      name: 'Korea Bay',
      box: [38.9, 123.0, 39.6, 124.3],
      flags: [
        ['cn', 4],
        ['kp', 1],
      ],
      weight: 2,
    },
    { name: 'North Yellow Sea', box: [37.6, 122.6, 38.7, 124.0], flags: [['cn', 1]], weight: 3 },
    {
      name: 'Central Yellow Sea',
      box: [35.2, 121.8, 37.0, 124.6],
      flags: [
        ['cn', 3],
        ['kr', 1],
      ],
      weight: 5,
    },
    { name: 'Haizhou Bay', box: [34.6, 120.4, 35.6, 121.6], flags: [['cn', 1]], weight: 2 },
    { name: 'Korean west coast', box: [35.0, 124.9, 36.4, 126.0], flags: [['kr', 1]], weight: 2 },
  ],
  stations: [
    { name: 'WK-TIANJIN', at: [38.97, 117.75], rangeM: 110_000 },
    { name: 'WK-DALIAN', at: [38.92, 121.6], rangeM: 120_000 },
    { name: 'WK-YANTAI', at: [37.55, 121.4], rangeM: 120_000 },
    { name: 'WK-QINGDAO', at: [36.05, 120.3], rangeM: 120_000 },
    { name: 'WK-RONGCHENG', at: [37.4, 122.55], rangeM: 120_000 },
    { name: 'WK-DANDONG', at: [39.8, 124.2], rangeM: 110_000 },
    { name: 'WK-INCHEON', at: [37.45, 126.55], rangeM: 130_000 },
    { name: 'WK-GUNSAN', at: [35.98, 126.6], rangeM: 120_000 },
    { name: 'WK-MOKPO', at: [34.78, 126.35], rangeM: 120_000 },
    { name: 'WK-BUSAN', at: [35.1, 129.0], rangeM: 110_000 },
  ],
  satellite: 'WK-SAT',
  plantAreas: [
    { name: 'Korea Bay', centre: [39.15, 123.45], radiusM: 25_000, uses: ['encounter', 'loitering'] },
    { name: 'Liaodong Bay', centre: [40.2, 121.4], radiusM: 25_000, uses: ['encounter', 'loitering'] },
    { name: 'northern Bohai', centre: [39.5, 119.6], radiusM: 20_000, uses: ['encounter', 'loitering'] },
    { name: 'western Bohai', centre: [38.5, 118.8], radiusM: 20_000, uses: ['encounter', 'loitering'] },
    { name: 'North Yellow Sea', centre: [38.0, 123.55], radiusM: 20_000, uses: ['encounter', 'loitering'] },
    { name: 'east of Shandong', centre: [36.5, 121.9], radiusM: 25_000, uses: ['encounter', 'loitering'] },
    { name: 'central Yellow Sea', centre: [36.0, 124.6], radiusM: 20_000, uses: ['encounter', 'loitering'] },
    { name: 'South Yellow Sea', centre: [34.6, 122.3], radiusM: 45_000, uses: ['encounter', 'loitering'] },
    {
      name: 'Haizhou Bay offshore',
      centre: [34.3, 121.2],
      radiusM: 40_000,
      uses: ['encounter', 'loitering'],
    },
    { name: 'north of Jeju', centre: [33.9, 125.0], radiusM: 35_000, uses: ['encounter', 'loitering'] },
    { name: 'central Yellow Sea fishing grounds', centre: [36.0, 123.0], radiusM: 80_000, uses: ['outage'] },
  ],
};

export const REGIONS: Readonly<Record<string, RegionPreset>> = { 'yellow-sea': YELLOW_SEA };

export function regionByName(name: string): RegionPreset {
  const r = REGIONS[name];
  if (!r) throw new Error(`unknown region "${name}" (known: ${Object.keys(REGIONS).join(', ')})`);
  return r;
}
