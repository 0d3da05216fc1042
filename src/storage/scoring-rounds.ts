/**
 * Team scoring rounds in Forge storage (src/domain/rounds):
 *
 * - entity `scoring-round`, key `scoring-round:<projectId>:<slot>`, slots 0 to
 *   MAX_ROUNDS_PER_PROJECT − 1: one round each, with its votes by participant, the agreed values
 *   the owner chose and what was applied. Opening a round takes an empty slot, else the slot of the
 *   oldest round: a project keeps its last 20 rounds, open and closed, and never more.
 * - A round's id begins with its slot ("7-k3j…"): reading it is one read, and the random rest must
 *   match what the slot holds, so an id of a replaced round, or a forged one, finds nothing.
 *
 * Each record carries a `version` that every write checks: two voters writing at once both land
 * (the one who lost reads the round again and applies their vote to what won), and two owners
 * opening rounds at once never take the same slot.
 */
import { MAX_ROUNDS_PER_PROJECT, ROUND_ID, roundSchema } from '../domain/rounds';
import type { Round } from '../domain/rounds';
import { SCORING_ROUND_ENTITY, isProjectId, scoringRoundKey } from './keys';
import type { EntityWrite, KvsPort } from './kvs-port';
import { ConditionFailedError, MAX_VALUE_BYTES, byteLengthOf } from './kvs-port';

export { SCORING_ROUND_ENTITY };

/** Writes retried this often when another writer got there first. */
const MAX_ATTEMPTS = 8;

export interface StoredRound {
  readonly round: Round;
  readonly version: number;
}

export interface ScoringRoundStore {
  /** The project's rounds, newest first (damaged records are left out). */
  list(projectId: string): Promise<Round[]>;
  /** The round with this id in this project; undefined when there is none (a forged or replaced id). */
  load(projectId: string, roundId: string): Promise<Round | undefined>;
  /**
   * Opens a round made by `make` from its id (the slot is chosen here): an empty slot, else the
   * oldest round's. Answers the round and the round it replaced, if any.
   */
  open(projectId: string, make: (id: string) => Round): Promise<{ round: Round; replaced: Round | undefined }>;
  /**
   * Changes the round with `change`, read and written until it lands (another writer's change is
   * kept: `change` is applied again to what won). `change` may throw to refuse; returning the
   * same round writes nothing.
   */
  update(projectId: string, roundId: string, change: (round: Round) => Round): Promise<Round | undefined>;
  /** The account ids the project's rounds hold (owners and participants), with when each round was opened. */
  accountsIn(projectId: string): Promise<{ readonly accountId: string; readonly at: string }[]>;
  /** The closed accounts taken out of the project's rounds (each replaced by a former user of its own, so their votes stay apart); how many rounds changed. */
  erase(projectId: string, closed: ReadonlySet<string>, formerUser: string): Promise<number>;
}

/** The round with the closed accounts replaced: `<formerUser>-<n>` for each, so two erased voters' values stay two votes. */
export function roundWithout(round: Round, closed: ReadonlySet<string>, formerUser: string): Round {
  const people = [round.owner, ...round.participants].filter((id) => closed.has(id));
  if (people.length === 0) return round;
  const names = new Map([...new Set(people)].map((id, i) => [id, `${formerUser}-${String(i + 1)}`]));
  const renamed = (id: string): string => names.get(id) ?? id;
  return {
    ...round,
    owner: renamed(round.owner),
    participants: round.participants.map(renamed),
    votes: Object.fromEntries(Object.entries(round.votes).map(([id, votes]) => [renamed(id), votes])),
  };
}

export function slotOfRoundId(roundId: string): number | undefined {
  const match = ROUND_ID.exec(roundId);
  if (match === null) return undefined;
  const slot = Number(match[1]);
  return slot < MAX_ROUNDS_PER_PROJECT ? slot : undefined;
}

function randomPart(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => (byte % 36).toString(36)).join('');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createScoringRoundStore(port: KvsPort): ScoringRoundStore {
  const read = async (projectId: string, slot: number): Promise<{ round: Round | undefined; version: number | undefined }> => {
    const raw = await port.getEntity<unknown>(SCORING_ROUND_ENTITY, scoringRoundKey(projectId, slot));
    if (typeof raw !== 'object' || raw === null) return { round: undefined, version: undefined };
    const record = raw as { version?: unknown; round?: unknown };
    const version = typeof record.version === 'number' ? record.version : undefined;
    const parsed = roundSchema.safeParse(record.round);
    const round = parsed.success && parsed.data.projectId === projectId && slotOfRoundId(parsed.data.id) === slot ? parsed.data : undefined;
    return { round, version };
  };
  const write = (projectId: string, slot: number, round: Round, version: number | undefined): EntityWrite => {
    const value = { projectId, roundId: round.id, version: (version ?? 0) + 1, round };
    if (byteLengthOf(value) > MAX_VALUE_BYTES) throw new RangeError('The round is larger than Forge storage keeps in one value.');
    return {
      entity: SCORING_ROUND_ENTITY,
      key: scoringRoundKey(projectId, slot),
      value,
      conditions: [version === undefined ? { attribute: 'version', absent: true } : { attribute: 'version', equals: version }],
    };
  };
  const slots = Array.from({ length: MAX_ROUNDS_PER_PROJECT }, (_, slot) => slot);

  return {
    async list(projectId) {
      if (!isProjectId(projectId)) return [];
      const all = await Promise.all(slots.map((slot) => read(projectId, slot)));
      return all
        .map((entry) => entry.round)
        .filter((round): round is Round => round !== undefined)
        .sort((a, b) => b.openedAt.localeCompare(a.openedAt));
    },

    async load(projectId, roundId) {
      const slot = slotOfRoundId(roundId);
      if (slot === undefined || !isProjectId(projectId)) return undefined;
      const { round } = await read(projectId, slot);
      return round?.id === roundId ? round : undefined;
    },

    async open(projectId, make) {
      for (let attempt = 1; ; attempt++) {
        const all = await Promise.all(slots.map(async (slot) => ({ slot, ...(await read(projectId, slot)) })));
        const empty = all.find((entry) => entry.round === undefined && entry.version === undefined) ?? all.find((entry) => entry.round === undefined);
        const oldest = [...all].sort((a, b) => (a.round?.openedAt ?? '').localeCompare(b.round?.openedAt ?? ''))[0];
        const target = empty ?? oldest;
        if (target === undefined) throw new Error('no slot for a round');
        const round = make(`${String(target.slot)}-${randomPart()}`);
        try {
          await port.transact([write(projectId, target.slot, round, target.version)]);
          return { round, replaced: target.round };
        } catch (error: unknown) {
          if (!(error instanceof ConditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
          await sleep(Math.floor(Math.random() * 20 * attempt));
        }
      }
    },

    async accountsIn(projectId) {
      const held: { accountId: string; at: string }[] = [];
      for (const round of await this.list(projectId)) for (const accountId of new Set([round.owner, ...round.participants])) held.push({ accountId, at: round.openedAt });
      return held;
    },

    async erase(projectId, closed, formerUser) {
      let changed = 0;
      for (const round of await this.list(projectId)) {
        const stored = await this.update(projectId, round.id, (current) => roundWithout(current, closed, formerUser));
        if (stored !== undefined && stored !== round && [round.owner, ...round.participants].some((id) => closed.has(id))) changed++;
      }
      return changed;
    },

    async update(projectId, roundId, change) {
      const slot = slotOfRoundId(roundId);
      if (slot === undefined || !isProjectId(projectId)) return undefined;
      for (let attempt = 1; ; attempt++) {
        const { round, version } = await read(projectId, slot);
        if (round === undefined || round.id !== roundId) return undefined;
        const next = change(round);
        if (next === round) return round;
        try {
          await port.transact([write(projectId, slot, next, version)]);
          return next;
        } catch (error: unknown) {
          if (!(error instanceof ConditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
          await sleep(Math.floor(Math.random() * 20 * attempt));
        }
      }
    },
  };
}
