import { basename } from 'node:path';

/**
 * A dataset is one list whose versions form one history. A source publishes one or more: OFAC publishes the
 * SDN list and the consolidated non-SDN list (SSI, NS-PLC, CMIC, ...) in the same formats.
 */
export const DATASETS = ['un', 'ofac-sdn', 'ofac-cons', 'eu', 'uk'] as const;
export type Dataset = (typeof DATASETS)[number];

/** Names users may give for a list filter: a dataset, or a source meaning all of its datasets. */
export const LIST_FILTERS = ['un', 'ofac', 'ofac-sdn', 'ofac-cons', 'eu', 'uk'] as const;

export function isDataset(name: string): name is Dataset {
  return (DATASETS as readonly string[]).includes(name);
}

/** The dataset a name stands for where one history is meant: a source means its main list (`ofac` = SDN). */
export function historyDataset(name: string): Dataset | undefined {
  if (name === 'ofac') return 'ofac-sdn';
  return isDataset(name) ? name : undefined;
}

/**
 * The dataset a file belongs to within its source. Nothing in OFAC's content tells the SDN and non-SDN lists
 * apart, so the file name decides (`cons_prim.csv`, `CONSOLIDATED.XML`, `cons_advanced.xml`, `*nonsdn*`);
 * the caller may override it.
 */
export function datasetFor(source: string, fileName: string): Dataset {
  if (source !== 'ofac') return source as Dataset;
  return /cons|non-?sdn/i.test(basename(fileName)) ? 'ofac-cons' : 'ofac-sdn';
}

/** A list filter as the store takes it: a source name filters by source, a dataset name by dataset. */
export function listFilter(list: string | undefined): { source?: string; dataset?: string } {
  if (!list) return {};
  return isDataset(list) && list !== 'un' && list !== 'eu' && list !== 'uk'
    ? { dataset: list }
    : { source: list };
}
