import type { ListImporter, ListRecord, ParseEvent } from '../types.ts';
import { ofacAdvancedXmlImporter } from './advanced-xml.ts';
import { OfacLinkResolver } from './links.ts';
import { ofacSdnCsvImporter as sdnCsv } from './sdn-csv.ts';
import { ofacSdnXmlImporter as sdnXml } from './sdn-xml.ts';

/**
 * OFAC names related listings by name ("Linked To: X", vessel owners, aircraft operators). Resolving a name
 * to an id needs the whole list, so these importers hold the list's records until the end, as compact JSON
 * strings (a list of 15k listings is ~15 MB that way, several times less than as objects), with a name index
 * beside them, and resolve links as they emit.
 */
function withLinkResolution(importer: ListImporter): ListImporter {
  return {
    ...importer,
    async *parse(input, ctx): AsyncGenerator<ParseEvent> {
      const held: string[] = [];
      const resolver = new OfacLinkResolver();
      for await (const ev of importer.parse(input, ctx)) {
        if (ev.kind === 'meta') {
          yield ev;
          continue;
        }
        resolver.index(ev.record);
        held.push(JSON.stringify(ev.record));
      }
      for (let i = 0; i < held.length; i++) {
        const record = JSON.parse(held[i]) as ListRecord;
        held[i] = '';
        resolver.resolve(record);
        yield { kind: 'record', record };
      }
    },
  };
}

export const ofacSdnCsvImporter: ListImporter = withLinkResolution(sdnCsv);
export const ofacSdnXmlImporter: ListImporter = withLinkResolution(sdnXml);
export { linkedNames, OfacLinkResolver, resolveOfacLinks } from './links.ts';
export { knownPrograms, programDescription, programRegime, splitPrograms } from './programs.ts';
export { parseRemarks, type RemarkItem } from './remarks.ts';
export { ofacAdvancedXmlImporter };
