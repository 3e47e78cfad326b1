import type { ListImporter, ListRecord, ParseEvent } from '../types.ts';
import { ofacAdvancedXmlImporter } from './advanced-xml.ts';
import { resolveOfacLinks } from './links.ts';
import { ofacSdnCsvImporter as sdnCsv } from './sdn-csv.ts';
import { ofacSdnXmlImporter as sdnXml } from './sdn-xml.ts';

/**
 * OFAC names related listings by name ("Linked To: X", vessel owners, aircraft operators). Resolving a name
 * to an id needs the whole list, so these importers hold the list's records (bounded by the list's size,
 * ~15k listings, not by the file's) and resolve links before emitting them.
 */
function withLinkResolution(importer: ListImporter): ListImporter {
  return {
    ...importer,
    async *parse(input, ctx): AsyncGenerator<ParseEvent> {
      const records: ListRecord[] = [];
      for await (const ev of importer.parse(input, ctx)) {
        if (ev.kind === 'meta') yield ev;
        else records.push(ev.record);
      }
      resolveOfacLinks(records);
      for (const record of records) yield { kind: 'record', record };
    },
  };
}

export const ofacSdnCsvImporter: ListImporter = withLinkResolution(sdnCsv);
export const ofacSdnXmlImporter: ListImporter = withLinkResolution(sdnXml);
export { linkedNames, resolveOfacLinks } from './links.ts';
export { knownPrograms, programDescription, programRegime, splitPrograms } from './programs.ts';
export { parseRemarks, type RemarkItem } from './remarks.ts';
export { ofacAdvancedXmlImporter };
