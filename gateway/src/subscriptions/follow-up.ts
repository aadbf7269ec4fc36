import {
  Kind,
  OperationTypeNode,
  getOperationAST,
  parse,
  print,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** How a subscription root field is served: by which subgraph, and how to fetch one event. */
export interface LiveField {
  /** Subgraph that owns the subscription field and its event outbox. */
  subgraph: string;
  /** Root query field that returns one event by its sequence, with the same type. */
  followUpField: string;
}

/** The subscription fields the gateway serves. */
export const LIVE_FIELDS: Record<string, LiveField> = {
  budgetChanged: { subgraph: 'budgets', followUpField: 'budgetChange' },
};

/** Variable carrying the event's sequence into the follow-up query. */
export const SEQUENCE_VARIABLE = '__hbSequence';

/** A subscription split into what goes upstream and what is fetched per event. */
export interface SplitSubscription {
  rootField: FieldNode;
  live: LiveField;
  /** Arguments of the root field with variables substituted. */
  args: Record<string, unknown>;
  /**
   * The subscriber's own selection, as an ordinary query on the follow-up field: the gateway
   * plans it across every subgraph and runs it with the subscriber's own token.
   */
  followUp: DocumentNode;
}

function valueOf(node: FieldNode['arguments'], variables: Record<string, unknown>) {
  const args: Record<string, unknown> = {};
  for (const arg of node ?? []) {
    const v = arg.value;
    if (v.kind === Kind.VARIABLE) args[arg.name.value] = variables[v.name.value] ?? null;
    else if (v.kind === Kind.NULL) args[arg.name.value] = null;
    else if (v.kind === Kind.INT) args[arg.name.value] = Number(v.value);
    else if ('value' in v) args[arg.name.value] = v.value;
  }
  return args;
}

/**
 * Splits a validated subscription document. The follow-up query keeps the root field's alias,
 * selection set, fragments and variables, so the subscriber receives exactly the shape it
 * asked for; only the root field and its arguments are replaced.
 */
export function splitSubscription(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): SplitSubscription | { error: string } {
  const selections = operation.selectionSet.selections;
  const rootField = selections[0];
  if (selections.length !== 1 || rootField?.kind !== Kind.FIELD) {
    return { error: 'A subscription must select exactly one root field.' };
  }
  const live = LIVE_FIELDS[rootField.name.value];
  if (!live) return { error: `Subscription field ${rootField.name.value} is not served.` };

  const followUpOperation: OperationDefinitionNode = {
    ...operation,
    operation: OperationTypeNode.QUERY,
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []),
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: SEQUENCE_VARIABLE } },
        type: {
          kind: Kind.NON_NULL_TYPE,
          type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
        },
      },
    ],
    selectionSet: {
      ...operation.selectionSet,
      selections: [
        {
          ...rootField,
          alias: rootField.alias ?? { kind: Kind.NAME, value: rootField.name.value },
          name: { kind: Kind.NAME, value: live.followUpField },
          arguments: [
            {
              kind: Kind.ARGUMENT,
              name: { kind: Kind.NAME, value: 'sequence' },
              value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: SEQUENCE_VARIABLE } },
            },
          ],
        },
      ],
    },
  };
  const draft: DocumentNode = {
    ...document,
    definitions: document.definitions
      .filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d === operation)
      .map((d) => (d === operation ? followUpOperation : d)),
  };
  // Variables used only by the root field's arguments would make the query invalid.
  const used = new Set<string>();
  visit(draft, {
    VariableDefinition: () => false,
    Variable: (node) => {
      used.add(node.name.value);
    },
  });
  const followUp = visit(draft, {
    OperationDefinition: (node) => ({
      ...node,
      variableDefinitions: node.variableDefinitions?.filter((v) => used.has(v.variable.name.value)),
    }),
  });
  return { rootField, live, args: valueOf(rootField.arguments, variables), followUp };
}

/** One follow-up query that completes several events at once (see {@link batchFollowUp}). */
export interface BatchedFollowUp {
  /** The query: the follow-up's root field once per event, aliased `<key>__<i>`. */
  query: string;
  /** The follow-up root field's response key (its alias, or its name). */
  responseKey: string;
  /** The variable carrying the sequence of event `i`. */
  sequenceVariable: (i: number) => string;
}

const sequenceVariableOf = (i: number) => `${SEQUENCE_VARIABLE}${i}`;

function sequenceDefinition(name: string): VariableDefinitionNode {
  return {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
    type: {
      kind: Kind.NON_NULL_TYPE,
      type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
    },
  };
}

/**
 * The follow-up query of `count` events: one change often commits several events at once (a
 * charge and its commitment), and every token following the budget completes each of them;
 * asked together, the gateway fetches from each subgraph once for all of them instead of once
 * per event. `followUp` is a query made by {@link splitSubscription}.
 */
export function batchFollowUp(followUp: string, count: number): BatchedFollowUp {
  const document = parse(followUp);
  const operation = getOperationAST(document);
  const root = operation?.selectionSet.selections[0];
  if (!operation || root?.kind !== Kind.FIELD) throw new Error('Not a follow-up query.');
  const responseKey = root.alias?.value ?? root.name.value;
  const copies: FieldNode[] = Array.from({ length: count }, (_, i) => ({
    ...root,
    alias: { kind: Kind.NAME, value: `${responseKey}__${i}` },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'sequence' },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: sequenceVariableOf(i) } },
      },
    ],
  }));
  const batched: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []).filter(
        (v) => v.variable.name.value !== SEQUENCE_VARIABLE,
      ),
      ...copies.map((_, i) => sequenceDefinition(sequenceVariableOf(i))),
    ],
    selectionSet: { ...operation.selectionSet, selections: copies },
  };
  return {
    query: print({
      ...document,
      definitions: document.definitions.map((d) => (d === operation ? batched : d)),
    }),
    responseKey,
    sequenceVariable: sequenceVariableOf,
  };
}

/**
 * Each event's own result out of a batched follow-up's, shaped as its single follow-up would
 * be; null when the batch has any error or misses an event, so that each event is completed on
 * its own and the errors are judged for each (see `completionOutcome`).
 */
export function splitBatchedResult(
  result: ExecutionResult | null | undefined,
  responseKey: string,
  count: number,
): ExecutionResult[] | null {
  if (!result?.data || (result.errors?.length ?? 0) > 0) return null;
  const data = result.data;
  const results: ExecutionResult[] = [];
  for (let i = 0; i < count; i++) {
    const key = `${responseKey}__${i}`;
    if (!(key in data)) return null;
    results.push({ data: { [responseKey]: data[key] } });
  }
  return results;
}
