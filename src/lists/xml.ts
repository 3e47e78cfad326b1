import { SaxesParser, type SaxesTag } from 'saxes';
import { InputFormatError } from './errors.ts';
import { decodeText, MAX_FIELD_CHARS } from './text.ts';
import type { ByteSource } from './types.ts';

/** A small element tree for one record; names are local names (namespace prefixes dropped). */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

export interface XmlRecordOptions {
  file: string;
  /** Whether the element at this path (local names from the root, inclusive) is a record to yield whole. */
  isRecord(path: readonly string[]): boolean;
  /**
   * Called with each element's attributes as it opens outside records (root attributes, headers), and the
   * line it opens on, so a caller that refuses an element (a wrong root) can say where.
   */
  onOpen?(path: readonly string[], attrs: Record<string, string>, line: number): void;
  /** Most nesting accepted, to stop hostile inputs. */
  maxDepth?: number;
}

export interface XmlRecord {
  path: readonly string[];
  node: XmlNode;
}

const localName = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/**
 * Streams record elements out of an XML file in bounded memory: only the record being read is held as a
 * tree. Safe by construction: a DOCTYPE is refused outright (so no external entity is ever resolved and no
 * entity expansion such as "billion laughs" can happen), undefined entities are errors, text values and
 * nesting are capped.
 */
export async function* readXmlRecords(input: ByteSource, opts: XmlRecordOptions): AsyncGenerator<XmlRecord> {
  const maxDepth = opts.maxDepth ?? 64;
  const parser = new SaxesParser({ position: true });
  const path: string[] = [];
  const stack: XmlNode[] = []; // open nodes inside the current record
  let recordDepth = -1;
  const done: XmlRecord[] = [];
  let failure: Error | undefined;
  let sawRoot = false;

  const fail = (message: string) => {
    if (!failure) failure = new InputFormatError(opts.file, `line ${parser.line}`, message);
  };
  parser.on('error', (err) => fail(`malformed XML: ${err.message.replace(/^.*?:\d+:\d+: /, '')}`));
  parser.on('doctype', () =>
    fail('DOCTYPE declarations are not accepted (external entities and entity expansion are refused)'),
  );
  // saxes buffers a text node (or a tag) whole until it ends, so a gigantic value would be held before any
  // event fires. Count what has been fed since the last event and stop at the cap instead. (saxes keeps one
  // handler per event, so the counter is reset inside the handlers below.)
  let sinceEvent = 0;
  parser.on('opentag', (tag: SaxesTag) => {
    sinceEvent = 0;
    // After a syntax error saxes keeps going; what it reports then (a misplaced element) would mislead.
    if (failure) return;
    sawRoot = true;
    const name = localName(tag.name);
    path.push(name);
    if (path.length > maxDepth) return fail(`elements nested deeper than ${maxDepth}`);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes))
      attrs[localName(k)] = typeof v === 'string' ? v : v.value;
    if (recordDepth < 0) {
      if (opts.isRecord(path)) {
        recordDepth = path.length;
        stack.push({ name, attrs, children: [], text: '', line: parser.line });
      } else {
        opts.onOpen?.(path, attrs, parser.line);
      }
      return;
    }
    const node: XmlNode = { name, attrs, children: [], text: '', line: parser.line };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  const onText = (text: string) => {
    sinceEvent = 0;
    const top = stack[stack.length - 1];
    if (top === undefined) return; // text outside records carries nothing we keep
    if (top.text.length + text.length > MAX_FIELD_CHARS)
      return fail(`a text value longer than ${MAX_FIELD_CHARS} characters`);
    top.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    sinceEvent = 0;
    if (recordDepth >= 0) {
      const node = stack.pop()!;
      if (path.length === recordDepth) {
        done.push({ path: [...path], node });
        recordDepth = -1;
      }
    }
    path.pop();
  });

  for await (const text of decodeText(input, opts.file)) {
    sinceEvent += text.length;
    if (sinceEvent > MAX_FIELD_CHARS + 65536) {
      throw new InputFormatError(
        opts.file,
        `line ${parser.line}`,
        `a text value longer than ${MAX_FIELD_CHARS} characters`,
      );
    }
    parser.write(text);
    if (failure) throw failure;
    if (done.length > 0) {
      yield* done;
      done.length = 0;
    }
  }
  if (!sawRoot) throw new InputFormatError(opts.file, undefined, 'empty file or no XML root element');
  yield* done;
  done.length = 0;
  // Checked before close(), which would report the same thing as a vaguer "unclosed tag".
  if (path.length > 0) {
    throw new InputFormatError(
      opts.file,
      `line ${parser.line}`,
      `file ends inside <${path.at(-1)}> (truncated?)`,
    );
  }
  parser.close();
  if (failure) throw failure;
  yield* done;
}

/** Child elements with this local name. */
export const children = (node: XmlNode, name: string): XmlNode[] =>
  node.children.filter((c) => c.name === name);

/** Text of the first child with this name, whitespace-collapsed, or undefined when absent/empty. */
export function childText(node: XmlNode, name: string): string | undefined {
  for (const c of node.children) {
    if (c.name === name) {
      const v = c.text.replace(/\s+/g, ' ').trim();
      if (v !== '') return v;
    }
  }
  return undefined;
}

/** Texts of all children with this name, cleaned, empties dropped. */
export function childTexts(node: XmlNode, name: string): string[] {
  const out: string[] = [];
  for (const c of node.children) {
    if (c.name === name) {
      const v = c.text.replace(/\s+/g, ' ').trim();
      if (v !== '') out.push(v);
    }
  }
  return out;
}
