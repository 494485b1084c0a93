// The shared test schema for the graphql-js oracle: the same SDL and data as Twins' TestSchema.cs,
// with resolvers that follow the same rules.
import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLScalarType, GraphQLError, print } from 'graphql';

const here = new URL('../Conformance/', import.meta.url);
export const sdl = readFileSync(new URL('schema.graphql', here), 'utf8');
const data = JSON.parse(readFileSync(new URL('data.json', here), 'utf8'));

const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const inspect = (v) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function parseDateTime(value, node) {
  const nodes = node ? { nodes: node } : undefined;
  if (typeof value !== 'string') {
    throw new GraphQLError(`DateTime cannot represent a non string value: ${inspect(value)}`, nodes);
  }
  if (!rfc3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime cannot represent an invalid date-time string: ${inspect(value)}.`, nodes);
  }
  return value;
}

export function createSchema() {
  const schema = buildSchema(sdl);
  const dateTime = schema.getType('DateTime');
  dateTime.serialize = (value) => parseDateTime(value);
  dateTime.parseValue = (value) => parseDateTime(value);
  dateTime.parseLiteral = (node) => {
    if (node.kind !== 'StringValue') {
      throw new GraphQLError(`DateTime cannot represent a non string value: ${print(node)}`, { nodes: node });
    }
    return parseDateTime(node.value, node);
  };

  const vehicles = data.vehicles;
  const people = data.people;
  const personById = (id) => people.find((p) => p.id === id) ?? null;
  const vehicleById = (id) => vehicles.find((v) => v.id === id) ?? null;
  const take = (list, first) => (first == null ? list : list.slice(0, Math.max(0, first)));

  const resolvers = {
    Query: {
      vehicle: (_, { id }) => vehicleById(id),
      vehicles: (_, { filter, first }) =>
        take(
          vehicles.filter(
            (v) =>
              !filter ||
              ((filter.status == null || v.status === filter.status) &&
                (filter.color == null || v.color === filter.color) &&
                (filter.nameContains == null || (v.name != null && v.name.includes(filter.nameContains))) &&
                (filter.minDoors == null || v.__typename !== 'Car' || v.doors >= filter.minDoors)),
          ),
          first,
        ),
      node: (_, { id }) => vehicleById(id) ?? personById(id),
      person: (_, { id }) => personById(id),
      people: () => people,
      search: (_, { text }) =>
        [...vehicles, ...people].filter((x) => x.name != null && x.name.toLowerCase().includes(text.toLowerCase())),
      find: (_, { by }) => (by.id != null ? vehicleById(by.id) : vehicles.find((v) => v.vin === by.vin) ?? null),
      broken: () => data.broken,
      failing: () => {
        throw new Error('boom');
      },
      failingNonNull: () => {
        throw new Error('boom!');
      },
      nullNonNull: () => null,
      echoString: (_, a) => a.value,
      echoInt: (_, a) => a.value,
      echoFloat: (_, a) => a.value,
      echoBoolean: (_, a) => a.value,
      echoId: (_, a) => a.value,
      echoColor: (_, a) => a.value,
      echoList: (_, a) => a.value,
      echoMatrix: (_, a) => a.value,
      echoFilter: (_, a) => a.filter,
      echoPerson: (_, a) => a.input,
      echoKey: (_, a) => a.by ?? null,
      echoJson: (_, a) => a.value,
      echoDate: (_, a) => (a.value == null ? null : 'ok'),
      requiredArg: (_, a) => a.value,
      withDefault: (_, a) => a.value,
      deprecatedField: () => 'old',
    },
    Car: { owner: (v) => personById(v.ownerId) },
    Truck: { owner: (v) => personById(v.ownerId) },
    Person: {
      vehicles: (p, { first, status }) =>
        take(vehicles.filter((v) => v.ownerId === p.id && (status == null || v.status === status)), first),
      friends: (p) => p.friendIds.map(personById),
      bestFriend: (p) => (p.bestFriendId == null ? null : personById(p.bestFriendId)),
    },
    Mutation: {
      increment: (_, __, context) => ++context.counter,
      addPerson: (_, { input }) => ({
        __typename: 'Person', id: 'new-' + input.name, name: input.name, age: input.age ?? null, friendIds: [], bestFriendId: null, nickname: null,
      }),
      fail: () => {
        throw new Error('mutation failed');
      },
    },
    Subscription: {
      vehicleUpdated: {
        subscribe: async function* (_, { id }) {
          for (const v of vehicles) if (id == null || v.id === id) yield v;
        },
        resolve: (payload) => payload,
      },
      counter: {
        subscribe: async function* (_, { to }) {
          for (let i = 1; i <= to; i++) yield i;
        },
        resolve: (payload) => payload,
      },
    },
  };

  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    const defs = type.getFields();
    for (const [fieldName, resolver] of Object.entries(fields)) {
      if (typeof resolver === 'function') defs[fieldName].resolve = resolver;
      else Object.assign(defs[fieldName], resolver);
    }
  }
  return schema;
}
