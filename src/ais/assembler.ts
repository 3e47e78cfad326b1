/**
 * Multi-sentence reassembly. Fragments are keyed by source (tag block `s:` or, without one, the talker, since
 * merged feeds use the talker to tell receivers apart), channel, sequence id and fragment count. A group is
 * complete when fragments 1..n arrive in order; anything else drops the group with a counted reason, so a
 * missing or out-of-order fragment can never splice two messages into one wrong payload.
 */

/** Why fragments were dropped. */
export type AssemblyRejection = 'orphanFragment' | 'incompleteGroup' | 'groupTimeout';

export interface AssemblerOptions {
  /** Drop an open group when a fragment arrives this many ms (receive time) after its first one. Default 10 s. */
  timeoutMs?: number;
  /** Drop an open group after this many further sentences without completion. Default 200. */
  maxSentenceGap?: number;
  /** Bound on open groups (memory); the oldest is dropped beyond it. Default 1024. */
  maxOpenGroups?: number;
}

/** A complete payload, with what the first fragment carried. */
export interface AssembledPayload<M> {
  payload: string;
  fillBits: number;
  fragments: number;
  /** Metadata of the first fragment (receive time, source, ...). */
  first: M;
}

interface OpenGroup<M> {
  count: number;
  next: number;
  parts: string[];
  first: M;
  startTime: number | null;
  startSentence: number;
}

export interface Fragment {
  fragmentCount: number;
  fragmentNumber: number;
  sequenceId: number;
  channel: string;
  payload: string;
  fillBits: number;
}

export class FragmentAssembler<M> {
  readonly timeoutMs: number;
  readonly maxSentenceGap: number;
  readonly maxOpenGroups: number;
  private readonly groups = new Map<string, OpenGroup<M>>();
  private sentence = 0;
  /** Count of fragments or groups dropped, per reason (a group counts once, not per fragment). */
  readonly dropped: Record<AssemblyRejection, number> = {
    orphanFragment: 0,
    incompleteGroup: 0,
    groupTimeout: 0,
  };

  constructor(options?: AssemblerOptions) {
    this.timeoutMs = options?.timeoutMs ?? 10_000;
    this.maxSentenceGap = options?.maxSentenceGap ?? 200;
    this.maxOpenGroups = options?.maxOpenGroups ?? 1024;
  }

  get openGroups(): number {
    return this.groups.size;
  }

  /**
   * Add one fragment. Returns the complete payload when this fragment completes a message, 'pending' when it was
   * kept, or 'orphanFragment' when it had to be dropped.
   */
  add(
    fragment: Fragment,
    source: string,
    time: number | null,
    meta: M,
  ): AssembledPayload<M> | 'pending' | 'orphanFragment' {
    if (fragment.fragmentCount === 1) {
      this.tick(time);
      return { payload: fragment.payload, fillBits: fragment.fillBits, fragments: 1, first: meta };
    }
    this.sentence++;
    this.expire(time);
    const key = `${source}\u0000${fragment.channel}\u0000${fragment.sequenceId}\u0000${fragment.fragmentCount}`;
    const open = this.groups.get(key);
    if (fragment.fragmentNumber === 1) {
      if (open !== undefined) {
        // a new message reuses the id before the last one finished: the old one lost a fragment
        this.groups.delete(key);
        this.dropped.incompleteGroup++;
      }
      // intermediate fragments must end on a whole 6-bit symbol; fill bits belong to the last fragment only
      if (fragment.fillBits !== 0) {
        this.dropped.orphanFragment++;
        return 'orphanFragment';
      }
      if (this.groups.size >= this.maxOpenGroups) this.dropOldest();
      this.groups.set(key, {
        count: fragment.fragmentCount,
        next: 2,
        parts: [fragment.payload],
        first: meta,
        startTime: time,
        startSentence: this.sentence,
      });
      return 'pending';
    }
    if (open === undefined || open.next !== fragment.fragmentNumber) {
      if (open !== undefined) {
        this.groups.delete(key);
        this.dropped.incompleteGroup++;
      }
      this.dropped.orphanFragment++;
      return 'orphanFragment';
    }
    open.parts.push(fragment.payload);
    if (fragment.fragmentNumber < open.count) {
      if (fragment.fillBits !== 0) {
        this.groups.delete(key);
        this.dropped.incompleteGroup++;
        return 'orphanFragment';
      }
      open.next++;
      return 'pending';
    }
    this.groups.delete(key);
    return {
      payload: open.parts.join(''),
      fillBits: fragment.fillBits,
      fragments: open.count,
      first: open.first,
    };
  }

  /** Note a single-fragment sentence (it ages open groups) without going through add(). */
  tick(time: number | null): void {
    this.sentence++;
    if (this.groups.size > 0 && (this.sentence & 255) === 0) this.expire(time);
  }

  /** Drop every open group (end of input), counting them as incomplete. */
  flush(): number {
    const n = this.groups.size;
    this.dropped.incompleteGroup += n;
    this.groups.clear();
    return n;
  }

  private expire(time: number | null): void {
    if (this.groups.size === 0) return;
    for (const [key, group] of this.groups) {
      const late =
        this.sentence - group.startSentence > this.maxSentenceGap ||
        (time !== null && group.startTime !== null && time - group.startTime > this.timeoutMs);
      if (late) {
        this.groups.delete(key);
        this.dropped.groupTimeout++;
      }
    }
  }

  private dropOldest(): void {
    // Map iteration order is insertion order: the first entry is the oldest
    for (const key of this.groups.keys()) {
      this.groups.delete(key);
      this.dropped.incompleteGroup++;
      return;
    }
  }
}
