import { euFsfXmlImporter } from './eu.ts';
import { ofacAdvancedXmlImporter, ofacSdnCsvImporter, ofacSdnXmlImporter } from './ofac/index.ts';
import type { ListImporter, ListSource } from './types.ts';
import { ukOfsiCsvImporter } from './uk.ts';
import { unXmlImporter } from './un.ts';

/** Every list format Watchkeeper reads, in detection order. */
export const IMPORTERS: readonly ListImporter[] = [
  unXmlImporter,
  ofacSdnXmlImporter,
  ofacAdvancedXmlImporter,
  euFsfXmlImporter,
  ofacSdnCsvImporter,
  ukOfsiCsvImporter,
];

/** The importer for a file's content; with `source`, only that source's formats are considered. */
export function detectImporter(
  head: string,
  fileName: string,
  source?: ListSource,
): ListImporter | undefined {
  return IMPORTERS.find((i) => (!source || i.source === source) && i.detect(head, fileName));
}
