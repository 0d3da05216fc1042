/**
 * Gives a parsed JQL query its meaning against the emulated site: a predicate and an order.
 * Anything outside the supported subset is a JqlError (400), never a silently wrong result.
 *
 * Semantics copied from Jira: `!=` and `NOT IN` never match an empty field; values that do not exist
 * (or that the caller may not see) are errors; `openSprints()` is active sprints only.
 *
 * Over 400 lines because compileJql is one switch over the fields and operators the emulator supports, each case short and sharing Jira's rules for empty and unknown values (the JQL work under way here decides any split).
 */
import type { DatasetField } from '../dataset-schema';
import type { Caller, StoredIssue } from '../model';
import type { EmulatorState } from '../state';
import { JqlError } from './jql-error';
import type { Clause, FieldRef, JqlNode, JqlQuery, JqlValue, Operand, Operator, OrderItem } from './parse';

export interface CompiledQuery {
  matches(issue: StoredIssue): boolean;
  compare(a: StoredIssue, b: StoredIssue): number;
}

type Predicate = (issue: StoredIssue) => boolean;

const EQUALITY: readonly Operator[] = ['=', '!=', 'in', 'not in'];
const EMPTINESS: readonly Operator[] = ['is', 'is not'];
const ORDERING: readonly Operator[] = ['>', '>=', '<', '<='];

const STATUS_CATEGORIES: Readonly<Record<string, string>> = {
  'to do': 'new',
  new: 'new',
  '2': 'new',
  'in progress': 'indeterminate',
  indeterminate: 'indeterminate',
  '4': 'indeterminate',
  done: 'done',
  complete: 'done',
  '3': 'done',
};

function unsupported(what: string): never {
  throw new JqlError(`Error in the JQL Query: the Jira emulator does not support ${what}.`);
}

function operatorNotSupported(operator: Operator, fieldText: string): never {
  throw new JqlError(`The operator '${operator.toUpperCase()}' is not supported by the '${fieldText}' field.`);
}

function noSuchValue(value: string, fieldText: string): never {
  throw new JqlError(`The value '${value}' does not exist for the field '${fieldText}'.`);
}

function noSuchField(fieldText: string): never {
  throw new JqlError(`Field '${fieldText}' does not exist or you do not have permission to view it.`);
}

function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function asNumber(text: string, fieldText: string): number {
  const number = Number(text);
  if (text.trim() === '' || !Number.isFinite(number)) throw new JqlError(`The value '${text}' is not a valid number for the field '${fieldText}'.`);
  return number;
}

/** Values of the operand, for fields whose values are plain literals. */
function literalValues(clause: Clause): JqlValue[] {
  const { operand } = clause;
  if (operand.kind === 'value') return [operand.value];
  if (operand.kind === 'list') return operand.values;
  if (operand.kind === 'function') throw new JqlError(`Unable to find JQL function '${operand.name}(${operand.args.join(', ')})'.`);
  return [];
}

function checkOperandShape(clause: Clause): void {
  const { operator, operand } = clause;
  if ((operator === 'in' || operator === 'not in') && operand.kind === 'value') {
    throw new JqlError(`Error in the JQL Query: Expecting a list of values after '${operator.toUpperCase()}'. (line 1, character ${clause.position})`);
  }
  if ((operator === '=' || operator === '!=' || ORDERING.includes(operator)) && operand.kind === 'list') {
    throw new JqlError(`The operator '${operator}' does not support the list value.`);
  }
  if (operand.kind === 'empty' && !EMPTINESS.includes(operator) && operator !== '=' && operator !== '!=') {
    throw new JqlError(`The operator '${operator.toUpperCase()}' does not support searching for EMPTY values.`);
  }
}

/**
 * A clause over a set-valued attribute of the issue: `values(issue)` is what the issue has;
 * `wanted` the resolved operand values. Covers =, !=, IN, NOT IN, IS [NOT] EMPTY.
 */
function setClause(clause: Clause, values: (issue: StoredIssue) => readonly string[], wanted: () => ReadonlySet<string>): Predicate {
  const { operator, operand } = clause;
  if (operand.kind === 'empty' || EMPTINESS.includes(operator)) {
    const negate = operator === 'is not' || operator === '!=';
    return (issue) => (values(issue).length === 0) !== negate;
  }
  if (!EQUALITY.includes(operator)) operatorNotSupported(operator, clause.fieldText);
  const set = wanted();
  const positive = operator === '=' || operator === 'in';
  return (issue) => {
    const own = values(issue);
    if (own.length === 0) return false;
    const hit = own.some((value) => set.has(value));
    return positive ? hit : !hit;
  };
}

export function compileJql(query: JqlQuery, state: EmulatorState, caller: Caller): CompiledQuery {
  const now = state.now();
  const visibleProjects = [...state.projectsById.values()].filter((p) => state.hasPermission(caller, p.id, 'BROWSE_PROJECTS'));

  const findVisibleIssue = (text: string): StoredIssue | undefined => state.visibleIssue(caller, text);

  function customField(ref: FieldRef, fieldText: string): DatasetField | undefined {
    if (ref.kind === 'cf') return state.fieldsById.get(`customfield_${ref.id}`) ?? noSuchField(fieldText);
    if (ref.kind !== 'name') return undefined;
    const name = ref.name.toLowerCase();
    const byId = state.fieldsById.get(ref.name) ?? state.fieldsByKey.get(ref.name);
    if (byId?.custom === true) return byId;
    return state.fields.find((f) => f.custom && f.clauseNames.some((c) => c.toLowerCase() === name));
  }

  function compileNode(node: JqlNode): Predicate {
    switch (node.kind) {
      case 'and': {
        const parts = node.children.map(compileNode);
        return (issue) => parts.every((p) => p(issue));
      }
      case 'or': {
        const parts = node.children.map(compileNode);
        return (issue) => parts.some((p) => p(issue));
      }
      case 'not': {
        const inner = compileNode(node.child);
        return (issue) => !inner(issue);
      }
      case 'clause':
        return compileClause(node);
    }
  }

  function compileClause(clause: Clause): Predicate {
    if (clause.operator === '~' || clause.operator === '!~') unsupported(`text search ('${clause.operator}')`);
    if (clause.operator === 'was' || clause.operator === 'changed') unsupported(`history searches ('${clause.operator.toUpperCase()}')`);
    checkOperandShape(clause);
    const { field, fieldText } = clause;
    if (field.kind === 'property') return propertyClause(clause, field.key, field.path);
    const custom = customField(field, fieldText);
    if (custom !== undefined) {
      if (custom.id === state.sprintFieldId) return sprintClause(clause);
      return customFieldClause(clause, custom);
    }
    if (field.kind !== 'name') return noSuchField(fieldText);
    switch (field.name.toLowerCase()) {
      case 'project':
        return setClause(clause, (issue) => [issue.projectId], () => new Set(literalValues(clause).map((v) => projectId(v.text, fieldText))));
      case 'issuetype':
      case 'type':
        return issueTypeClause(clause);
      case 'parent':
        return setClause(
          clause,
          (issue) => (issue.parentId === undefined ? [] : [issue.parentId]),
          () => new Set(literalValues(clause).map((v) => issueId(v.text, 'parent'))),
        );
      case 'key':
      case 'issuekey':
      case 'id':
        if (ORDERING.includes(clause.operator)) return keyOrderingClause(clause);
        return setClause(clause, (issue) => [issue.id], () => new Set(literalValues(clause).map((v) => issueId(v.text, fieldText))));
      case 'sprint':
        return sprintClause(clause);
      case 'statuscategory':
        return setClause(
          clause,
          (issue) => [state.statuses.get(issue.statusId)?.statusCategory.key ?? ''],
          () => new Set(literalValues(clause).map((v) => STATUS_CATEGORIES[v.text.toLowerCase()] ?? noSuchValue(v.text, fieldText))),
        );
      case 'status':
        return setClause(
          clause,
          (issue) => [issue.statusId],
          () => new Set(literalValues(clause).flatMap((v) => idsByNameOrId([...state.statuses.values()], v.text, fieldText))),
        );
      case 'resolution':
        return setClause(
          clause,
          (issue) => {
            const id = (issue.fields.resolution as { id?: string } | null | undefined)?.id;
            return id === undefined ? [] : [id];
          },
          () => new Set(literalValues(clause).flatMap((v) => (v.text.toLowerCase() === 'unresolved' ? [] : idsByNameOrId(state.resolutions, v.text, fieldText)))),
        );
      case 'labels':
        return setClause(
          clause,
          (issue) => ((issue.fields.labels ?? []) as string[]).map((l) => l.toLowerCase()),
          () => new Set(literalValues(clause).map((v) => v.text.toLowerCase())),
        );
      case 'level':
        // Issue security: a user can name only the levels they are a member of (others "do not exist").
        return setClause(
          clause,
          (issue) => {
            const levelId = state.security.levelIdOf(issue);
            return levelId === undefined ? [] : [levelId];
          },
          () => new Set(literalValues(clause).flatMap((v) => idsByNameOrId(state.security.levelsKnownTo(caller), v.text, fieldText))),
        );
      case 'assignee':
      case 'reporter':
        return userClause(clause, field.name.toLowerCase());
      case 'created':
      case 'createddate':
      case 'updated':
      case 'updateddate':
      case 'duedate':
      case 'due':
      case 'resolutiondate':
      case 'resolved':
        return dateClause(clause, systemDateField(field.name.toLowerCase()));
      default:
        if (state.fieldsById.has(field.name) || state.fields.some((f) => f.clauseNames.some((c) => c.toLowerCase() === field.name.toLowerCase()))) {
          return unsupported(`the field '${fieldText}' in JQL`);
        }
        return noSuchField(fieldText);
    }
  }

  function projectId(text: string, fieldText: string): string {
    const lowerText = text.toLowerCase();
    const project = visibleProjects.find((p) => p.key.toLowerCase() === lowerText || p.id === text || p.name.toLowerCase() === lowerText);
    return project?.id ?? noSuchValue(text, fieldText);
  }

  function issueId(text: string, fieldText: string): string {
    const issue = findVisibleIssue(text);
    if (issue === undefined) throw new JqlError(`An issue with key '${text}' does not exist for field '${fieldText}'.`);
    return issue.id;
  }

  function idsByNameOrId(items: readonly { id: string; name: string }[], text: string, fieldText: string): string[] {
    const lowerText = text.toLowerCase();
    const ids = items.filter((item) => item.id === text || item.name.toLowerCase() === lowerText).map((item) => item.id);
    return ids.length > 0 ? ids : noSuchValue(text, fieldText);
  }

  function issueTypeClause(clause: Clause): Predicate {
    const { operand } = clause;
    if (operand.kind === 'function') {
      const name = operand.name.toLowerCase();
      if (name !== 'standardissuetypes' && name !== 'subtaskissuetypes') literalValues(clause);
      const subtask = name === 'subtaskissuetypes';
      if (clause.operator !== 'in' && clause.operator !== 'not in') operatorNotSupported(clause.operator, clause.fieldText);
      const ids = new Set([...state.issueTypes.values()].filter((t) => t.subtask === subtask).map((t) => t.id));
      return setClause(clause, (issue) => [issue.issueTypeId], () => ids);
    }
    return setClause(
      clause,
      (issue) => [issue.issueTypeId],
      () => new Set(literalValues(clause).flatMap((v) => idsByNameOrId([...state.issueTypes.values()], v.text, clause.fieldText))),
    );
  }

  function keyOrderingClause(clause: Clause): Predicate {
    const [value] = literalValues(clause);
    const anchor = issueId(value?.text ?? '', clause.fieldText);
    const target = state.issueById(anchor);
    if (target === undefined) return () => false;
    const cmp = ordering(clause.operator);
    return (issue) => issue.projectId === target.projectId && cmp(issue.keyNumber - target.keyNumber);
  }

  function sprintClause(clause: Clause): Predicate {
    if (state.sprintFieldId === undefined) return noSuchField(clause.fieldText);
    const { operand, operator } = clause;
    if (operand.kind === 'function') {
      const states: Readonly<Record<string, string>> = { opensprints: 'active', futuresprints: 'future', closedsprints: 'closed' };
      const wantedState = states[operand.name.toLowerCase()];
      if (wantedState === undefined) throw new JqlError(`Unable to find JQL function '${operand.name}(${operand.args.join(', ')})'.`);
      if (!EQUALITY.includes(operator)) operatorNotSupported(operator, clause.fieldText);
      const ids = new Set([...state.sprints.values()].filter((s) => s.state === wantedState).map((s) => String(s.id)));
      return setClause({ ...clause, operator: operator === '=' ? 'in' : operator === '!=' ? 'not in' : operator }, sprintIdsOf, () => ids);
    }
    return setClause(clause, sprintIdsOf, () => {
      const ids = new Set<string>();
      for (const value of literalValues(clause)) {
        const lowerText = value.text.toLowerCase();
        const matches = [...state.sprints.values()].filter((s) => String(s.id) === value.text || s.name.toLowerCase() === lowerText);
        if (matches.length === 0) noSuchValue(value.text, clause.fieldText);
        for (const sprint of matches) ids.add(String(sprint.id));
      }
      return ids;
    });
  }

  function sprintIdsOf(issue: StoredIssue): string[] {
    return issue.sprintIds.map(String);
  }

  function userClause(clause: Clause, fieldId: string): Predicate {
    const accountOf = (issue: StoredIssue): string[] => {
      const accountId = (issue.fields[fieldId] as { accountId?: string } | null | undefined)?.accountId;
      return accountId === undefined ? [] : [accountId];
    };
    const { operand } = clause;
    if (operand.kind === 'function') {
      if (operand.name.toLowerCase() !== 'currentuser') literalValues(clause);
      const me = caller.kind === 'user' ? caller.accountId : '';
      return setClause({ ...clause, operand: { kind: 'list', values: [{ kind: 'word', text: me }] } }, accountOf, () => new Set([me]));
    }
    return setClause(clause, accountOf, () => {
      const ids = new Set<string>();
      for (const value of literalValues(clause)) {
        if (!state.users.has(value.text)) noSuchValue(value.text, clause.fieldText);
        ids.add(value.text);
      }
      return ids;
    });
  }

  function customFieldClause(clause: Clause, field: DatasetField): Predicate {
    const type = field.schema?.type;
    const raw = (issue: StoredIssue): unknown => issue.fields[field.id];
    const { operator, operand } = clause;
    if (operand.kind === 'empty' || EMPTINESS.includes(operator)) {
      const negate = operator === 'is not' || operator === '!=';
      if (operand.kind !== 'empty') operatorNotSupported(operator, clause.fieldText);
      return (issue) => isEmptyValue(raw(issue)) !== negate;
    }
    if (type === 'number') {
      if (ORDERING.includes(operator)) {
        const [value] = literalValues(clause);
        const bound = asNumber(value?.text ?? '', clause.fieldText);
        const cmp = ordering(operator);
        return (issue) => {
          const own = raw(issue);
          return typeof own === 'number' && cmp(own - bound);
        };
      }
      const wanted = new Set(literalValues(clause).map((v) => asNumber(v.text, clause.fieldText)));
      const positive = operator === '=' || operator === 'in';
      return (issue) => {
        const own = raw(issue);
        if (typeof own !== 'number') return false;
        return wanted.has(own) === positive;
      };
    }
    if (type === 'option' || (type === 'array' && field.schema?.items === 'option')) {
      const options = state.fieldOptions[field.id] ?? [];
      return setClause(
        clause,
        (issue) => {
          const value = raw(issue);
          const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
          return list.map((item) => (item as { id?: string }).id ?? '');
        },
        () => new Set(literalValues(clause).map((v) => options.find((o) => o.id === v.text || o.value.toLowerCase() === v.text.toLowerCase())?.id ?? noSuchValue(v.text, clause.fieldText))),
      );
    }
    if (type === 'date' || type === 'datetime') return dateClause(clause, (issue) => raw(issue));
    if (type === 'string') return operatorNotSupported(operator, clause.fieldText);
    return unsupported(`'${operator.toUpperCase()}' on the field '${clause.fieldText}' (${type ?? 'unknown type'})`);
  }

  function systemDateField(name: string): (issue: StoredIssue) => unknown {
    const id = name === 'due' ? 'duedate' : name === 'resolved' ? 'resolutiondate' : name.replace('date', '') === 'created' ? 'created' : name.replace('date', '') === 'updated' ? 'updated' : name;
    return (issue) => issue.fields[id];
  }

  function dateClause(clause: Clause, valueOf: (issue: StoredIssue) => unknown): Predicate {
    const { operator, operand } = clause;
    const dateOf = (issue: StoredIssue): number | undefined => {
      const value = valueOf(issue);
      if (typeof value !== 'string') return undefined;
      const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      return Number.isNaN(time) ? undefined : time;
    };
    if (operand.kind === 'empty' || EMPTINESS.includes(operator)) {
      const negate = operator === 'is not' || operator === '!=';
      return (issue) => (dateOf(issue) === undefined) !== negate;
    }
    if (operand.kind === 'list' || operator === 'in' || operator === 'not in') return unsupported(`lists of dates on '${clause.fieldText}'`);
    const bound = dateOperand(operand, clause.fieldText);
    const cmp = operator === '=' ? (d: number) => d === 0 : operator === '!=' ? (d: number) => d !== 0 : ordering(operator);
    return (issue) => {
      const time = dateOf(issue);
      if (time === undefined) return false;
      // A bare date means the whole day, as in Jira: `duedate = 2024-05-01` matches any time that day.
      const diff = bound.wholeDay && (operator === '=' || operator === '!=') && time >= bound.time && time < bound.time + 86_400_000 ? 0 : time < bound.time ? -1 : time - bound.time;
      return cmp(diff);
    };
  }

  function dateOperand(operand: Operand, fieldText: string): { time: number; wholeDay: boolean } {
    if (operand.kind === 'function') {
      const name = operand.name.toLowerCase();
      if (name === 'now') return { time: now.getTime(), wholeDay: false };
      if (name === 'startofday') return { time: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()), wholeDay: false };
      return unsupported(`the date function '${operand.name}()'`);
    }
    if (operand.kind !== 'value') return unsupported(`this date value on '${fieldText}'`);
    const text = operand.value.text.trim();
    const relative = /^([+-]?)(\d+)([wdhm])$/i.exec(text);
    if (relative !== null) {
      const units: Readonly<Record<string, number>> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };
      const sign = relative[1] === '-' ? -1 : 1;
      return { time: now.getTime() + sign * Number(relative[2]) * (units[(relative[3] ?? 'd').toLowerCase()] ?? 0), wholeDay: false };
    }
    const absolute = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:\s+(\d{2}):(\d{2}))?$/.exec(text);
    if (absolute === null) {
      throw new JqlError(`Date value '${text}' for field '${fieldText}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);
    }
    const [, y, mo, d, h, mi] = absolute;
    return { time: Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0)), wholeDay: h === undefined };
  }

  function propertyClause(clause: Clause, key: string, path: string[]): Predicate {
    const valuesOf = (issue: StoredIssue): string[] => {
      if (!issue.properties.has(key)) return [];
      let node: unknown = issue.properties.get(key);
      for (const part of path) {
        if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
        node = (node as Record<string, unknown>)[part];
      }
      const list = Array.isArray(node) ? (node as unknown[]) : [node];
      return list.filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean').map(String);
    };
    if (ORDERING.includes(clause.operator)) {
      const [value] = literalValues(clause);
      const bound = asNumber(value?.text ?? '', clause.fieldText);
      const cmp = ordering(clause.operator);
      return (issue) => valuesOf(issue).some((v) => v.trim() !== '' && Number.isFinite(Number(v)) && cmp(Number(v) - bound));
    }
    return setClause(clause, valuesOf, () => new Set(literalValues(clause).map((v) => v.text)));
  }

  const where = query.where === undefined ? () => true : compileNode(query.where);
  return { matches: where, compare: compileOrder(query.orderBy, state) };
}

function ordering(operator: Operator): (difference: number) => boolean {
  switch (operator) {
    case '>':
      return (d) => d > 0;
    case '>=':
      return (d) => d >= 0;
    case '<':
      return (d) => d < 0;
    default:
      return (d) => d <= 0;
  }
}

type SortValue = number | string | undefined;

/** Without ORDER BY the emulator returns newest first (by id), like Jira's default `created DESC`. */
function compileOrder(items: readonly OrderItem[], state: EmulatorState): (a: StoredIssue, b: StoredIssue) => number {
  const keys = items.map((item) => ({ valueOf: sortValue(item, state), sign: item.direction === 'desc' ? -1 : 1 }));
  return (a, b) => {
    for (const { valueOf, sign } of keys) {
      const va = valueOf(a);
      const vb = valueOf(b);
      // Empty values sort last in either direction.
      if (va === undefined || vb === undefined) {
        if (va === vb) continue;
        return va === undefined ? 1 : -1;
      }
      const diff = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
      if (diff !== 0) return sign * diff;
    }
    return keys.length === 0 ? Number(b.id) - Number(a.id) : Number(a.id) - Number(b.id);
  };
}

function sortValue(item: OrderItem, state: EmulatorState): (issue: StoredIssue) => SortValue {
  const { field, fieldText } = item;
  const dateOf = (id: string) => (issue: StoredIssue): SortValue => {
    const value = issue.fields[id];
    return typeof value === 'string' ? Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : undefined;
  };
  if (field.kind === 'property') return unsupported('ORDER BY on issue properties');
  let custom: DatasetField | undefined;
  if (field.kind === 'cf') custom = state.fieldsById.get(`customfield_${field.id}`) ?? noSuchField(fieldText);
  else {
    const name = field.name.toLowerCase();
    switch (name) {
      case 'key':
      case 'issuekey':
        return (issue) => `${state.projectsById.get(issue.projectId)?.key ?? ''}-${String(issue.keyNumber).padStart(12, '0')}`;
      case 'id':
        return (issue) => Number(issue.id);
      case 'created':
      case 'updated':
      case 'duedate':
      case 'resolutiondate':
        return dateOf(name);
      case 'summary':
        return (issue) => (typeof issue.fields.summary === 'string' ? issue.fields.summary.toLowerCase() : undefined);
      case 'priority':
        return (issue) => {
          const id = (issue.fields.priority as { id?: string } | null | undefined)?.id;
          const index = state.priorities.findIndex((p) => p.id === id);
          // Jira lists priorities highest first; sorting ASC puts the highest first too.
          return index < 0 ? undefined : index;
        };
      case 'status':
        return (issue) => state.statuses.get(issue.statusId)?.name.toLowerCase();
      case 'rank':
        if (state.rankFieldId === undefined) return (issue) => Number(issue.id);
        custom = state.fieldsById.get(state.rankFieldId);
        break;
      default:
        custom = state.fields.find((f) => f.custom && (f.id === field.name || f.clauseNames.some((c) => c.toLowerCase() === name)));
        if (custom === undefined) {
          if (state.fieldsById.has(field.name)) throw new JqlError(`Not able to sort using field '${fieldText}'.`);
          noSuchField(fieldText);
        }
    }
  }
  const target = custom;
  if (target === undefined) return noSuchField(fieldText);
  if (target.id === state.sprintFieldId) return (issue) => issue.sprintIds.at(-1);
  return (issue) => {
    const value = issue.fields[target.id];
    if (typeof value === 'number' || typeof value === 'string') return value;
    if (value !== null && typeof value === 'object' && 'id' in value) {
      const option = (state.fieldOptions[target.id] ?? []).find((o) => o.id === value.id);
      return option?.value;
    }
    return undefined;
  };
}
