/**
 * OFAC sanctions program codes: the tags OFAC prints in brackets after a listing (`[DPRK2]`, `[NPWMD]`).
 *
 * A listing names its programs, never the legal instrument, so a reader needs this table to know that
 * `DPRK3` means Executive Order 13722. Codes we do not know are kept exactly as written: OFAC adds
 * programs several times a year and an unknown tag must never drop or rename a listing's regime.
 */

export interface OfacProgram {
  code: string;
  description: string;
}

const PROGRAMS: Record<string, string> = {
  '561-Related':
    'Section 561 of the Iranian Financial Sanctions Regulations (foreign financial institutions)',
  BALKANS: 'Western Balkans Stabilization Regulations',
  'BALKANS-EO14033': 'Western Balkans, Executive Order 14033',
  BELARUS: 'Belarus Sanctions Regulations (Executive Order 13405)',
  'BELARUS-EO14038': 'Belarus, Executive Order 14038',
  'BURMA-EO14014': 'Burma, Executive Order 14014',
  BURUNDI: 'Burundi Sanctions Regulations (Executive Order 13712)',
  'CAATSA - IRAN': "Countering America's Adversaries Through Sanctions Act, Iran",
  'CAATSA - RUSSIA': "Countering America's Adversaries Through Sanctions Act, Russia",
  CAR: 'Central African Republic Sanctions Regulations (Executive Order 13667)',
  'CMIC-EO13959': 'Chinese Military-Industrial Complex, Executive Order 13959 as amended by 14032',
  CUBA: 'Cuban Assets Control Regulations',
  CYBER: 'Cyber-related sanctions (Executive Order 13694)',
  CYBER2: 'Cyber-related sanctions (Executive Order 13694 as amended by 13757)',
  DARFUR: 'Darfur Sanctions Regulations (Executive Order 13400)',
  DPRK: 'North Korea Sanctions Regulations, Executive Order 13551',
  DPRK2: 'North Korea Sanctions Regulations, Executive Order 13687',
  DPRK3: 'North Korea Sanctions Regulations, Executive Order 13722',
  DPRK4: 'North Korea Sanctions Regulations, Executive Order 13810',
  'DPRK-NKSPEA': 'North Korea Sanctions and Policy Enhancement Act of 2016',
  DRCONGO: 'Democratic Republic of the Congo Sanctions Regulations (Executive Order 13413)',
  'ELECTION-EO13848': 'Foreign interference in a United States election, Executive Order 13848',
  'ETHIOPIA-EO14046': 'Ethiopia, Executive Order 14046',
  'FSE-IR': 'Foreign Sanctions Evaders, Iran (Executive Order 13608)',
  'FSE-SY': 'Foreign Sanctions Evaders, Syria (Executive Order 13608)',
  FTO: 'Foreign Terrorist Organization (Immigration and Nationality Act section 219)',
  GLOMAG: 'Global Magnitsky Human Rights Accountability Act, Executive Order 13818',
  HIFPAA: 'Hizballah International Financing Prevention Amendments Act of 2018',
  'HK-EO13936': 'Hong Kong Normalization, Executive Order 13936',
  'HOSTAGES-EO14078':
    'Hostage-taking and wrongful detention of United States nationals, Executive Order 14078',
  'HRIT-IR': 'Human rights abuses via information technology, Iran (Executive Order 13606)',
  'HRIT-SY': 'Human rights abuses via information technology, Syria (Executive Order 13606)',
  IFCA: 'Iran Freedom and Counter-Proliferation Act of 2012',
  IFSR: 'Iranian Financial Sanctions Regulations',
  'ILLICIT-DRUGS-EO14059': 'Illicit drug trade, Executive Order 14059',
  IRAN: 'Iranian Transactions and Sanctions Regulations',
  'IRAN-CON-ARMS-EO': 'Iran conventional arms, Executive Order 13949',
  'IRAN-EO13846': 'Iran, Executive Order 13846',
  'IRAN-EO13871': 'Iran metals sectors, Executive Order 13871',
  'IRAN-EO13876': 'Iran Supreme Leader and office, Executive Order 13876',
  'IRAN-EO13902': 'Iran economic sectors, Executive Order 13902',
  'IRAN-HR': 'Iran human rights abuses (Executive Order 13553)',
  'IRAN-TRA': 'Iran Threat Reduction (Executive Order 13628)',
  IRAQ2: 'Iraq, Executive Order 13315',
  IRAQ3: 'Iraq, Executive Order 13438',
  IRGC: 'Islamic Revolutionary Guard Corps (Iranian Financial Sanctions Regulations)',
  ISA: 'Iran Sanctions Act of 1996',
  LEBANON: 'Lebanon, Executive Order 13441',
  LIBYA2: 'Libya, Executive Order 13566',
  LIBYA3: 'Libya, Executive Order 13726',
  MAGNIT: 'Sergei Magnitsky Rule of Law Accountability Act of 2012',
  'MALI-EO13882': 'Mali, Executive Order 13882',
  NICARAGUA: 'Nicaragua, Executive Order 13851',
  'NICARAGUA-NHRAA': 'Nicaragua Human Rights and Anticorruption Act of 2018',
  NPWMD: 'Non-Proliferation: weapons of mass destruction proliferators (Executive Order 13382)',
  'NS-PLC': 'Non-SDN Palestinian Legislative Council list',
  PEESA: "Protecting Europe's Energy Security Act of 2019",
  'PEESA-EO14039': "Protecting Europe's Energy Security Act, Executive Order 14039",
  'RUSSIA-EO14024': 'Russian harmful foreign activities, Executive Order 14024',
  'RUSSIA-EO14065': 'Occupied regions of Ukraine (so-called DNR and LNR), Executive Order 14065',
  SDGT: 'Specially Designated Global Terrorist (Executive Order 13224)',
  SDNT: 'Specially Designated Narcotics Trafficker (Executive Order 12978)',
  SDNTK: 'Foreign Narcotics Kingpin Designation Act',
  SDT: 'Specially Designated Terrorist (Executive Order 12947)',
  SOMALIA: 'Somalia Sanctions Regulations (Executive Order 13536)',
  'SOUTH SUDAN': 'South Sudan Sanctions Regulations (Executive Order 13664)',
  SSIDES: 'Support for the Sovereignty, Integrity, Democracy, and Economic Stability of Ukraine Act of 2014',
  'SUDAN-EO14098': 'Sudan, Executive Order 14098',
  SYRIA: 'Syrian Sanctions Regulations',
  'SYRIA-CAESAR': 'Caesar Syria Civilian Protection Act of 2019',
  'SYRIA-EO13894': 'Syria, Executive Order 13894',
  TCO: 'Transnational Criminal Organizations (Executive Order 13581)',
  UHRPA: 'Uyghur Human Rights Policy Act of 2020',
  'UKRAINE-EO13660': 'Ukraine-related, Executive Order 13660',
  'UKRAINE-EO13661': 'Ukraine-related, Executive Order 13661',
  'UKRAINE-EO13662': 'Ukraine-related, Executive Order 13662 (Sectoral Sanctions Identifications)',
  'UKRAINE-EO13685': 'Ukraine-related (Crimea), Executive Order 13685',
  VENEZUELA: 'Venezuela, Executive Order 13692',
  'VENEZUELA-EO13850': 'Venezuela, Executive Order 13850',
  'VENEZUELA-EO13884': 'Venezuela (Government of Venezuela), Executive Order 13884',
  'WEST-BANK-EO14115': 'West Bank, Executive Order 14115',
  YEMEN: 'Yemen, Executive Order 13611',
  ZIMBABWE: 'Zimbabwe Sanctions Regulations',
};

/** The description of a program code, or undefined for a code we do not know. */
export function programDescription(code: string): string | undefined {
  const known = PROGRAMS[code];
  if (known) return known;
  // "Blocked pending investigation" tags wrap a program code (BPI-RUSSIA-EO14024).
  if (code.startsWith('BPI-')) {
    const inner = PROGRAMS[code.slice(4)];
    if (inner) return `Blocked pending investigation: ${inner}`;
  }
  return undefined;
}

/** Every program this module describes. */
export function knownPrograms(): OfacProgram[] {
  return Object.entries(PROGRAMS).map(([code, description]) => ({ code, description }));
}

/**
 * The program codes of one listing. The legacy CSV packs several into one field with the inner brackets
 * left in (`NPWMD] [DPRK2`); XML gives one per element, sometimes bracketed. Codes are kept as written.
 */
export function splitPrograms(field: string | undefined): string[] {
  if (!field) return [];
  const out: string[] = [];
  for (const part of field.split(/\]\s*\[/)) {
    const code = part.replace(/^[\s[]+|[\s\]]+$/g, '').replace(/\s+/g, ' ');
    if (code !== '' && code !== '-0-' && !out.includes(code)) out.push(code);
  }
  return out;
}

/** The regime code of a program: `ofac-` + the code exactly as written (`ofac-DPRK2`). */
export function programRegime(code: string): string {
  return `ofac-${code}`;
}
