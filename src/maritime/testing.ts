/** Test fixtures for the maritime layer: a small AIS scenario written with the project's own encoder. */
import {
  encodeClassAPosition,
  encodeClassBPosition,
  encodeStaticA,
  encodeStaticB,
  encodeStaticVoyage,
  toSentences,
} from '../ais/encode.ts';

export const DAY1 = Date.UTC(2024, 2, 1, 20, 0, 0);
export const TANKER = 445_100_001; // MID 445: DPRK
export const YACHT = 244_000_111; // MID 244: Netherlands

/** A small scenario: a tanker reporting every 60 s for 8 h across midnight, renamed at 02:00; a Class B yacht. */
export function scenario(): string {
  const lines: string[] = [];
  let seq = 0;
  for (let i = 0; i < 480; i++) {
    const t = DAY1 + i * 60_000;
    lines.push(
      ...toSentences(
        encodeClassAPosition({
          mmsi: TANKER,
          lat: 38.5 + i * 0.001,
          lon: 124.9 + i * 0.0005,
          sog: 8,
          cog: 30,
          heading: 29,
          status: 0,
        }),
        { time: t, station: 'sim' },
      ),
    );
    if (i % 30 === 0) {
      const renamed = t >= Date.UTC(2024, 2, 2, 2, 0, 0);
      lines.push(
        ...toSentences(
          encodeStaticVoyage({
            mmsi: TANKER,
            imo: renamed ? 9074729 : 9241061,
            callsign: renamed ? 'HMYX' : '3FXY7',
            name: renamed ? 'CHON MA SAN' : 'NEW KONK',
            shipType: 80,
            length: 110,
            beam: 18,
            draught: 6.2,
            destination: 'NAMPO',
            eta: null,
          }),
          { time: t, station: 'sim', seqId: seq++ % 10 },
        ),
      );
    }
    if (i % 10 === 0 && i < 120) {
      lines.push(
        ...toSentences(
          encodeClassBPosition({
            mmsi: YACHT,
            lat: 52.1,
            lon: 4.2 + i * 0.0001,
            sog: 3,
            cog: 90,
            heading: null,
          }),
          {
            time: t,
          },
        ),
      );
    }
  }
  lines.push(...toSentences(encodeStaticA(YACHT, 'SEA WIND'), { time: DAY1 + 1000 }));
  lines.push(
    ...toSentences(encodeStaticB(YACHT, { shipType: 37, callsign: 'PD1234', length: 12, beam: 4 }), {
      time: DAY1 + 2000,
    }),
  );
  // noise: a bad checksum, garbage, a sentence without any time
  lines.push(
    '!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*00',
    '\u0000\u00ff garbage',
    toSentences(encodeStaticA(YACHT, 'X'))[0] as string,
  );
  return `${lines.join('\n')}\n`;
}
