// graphql-js as the oracle: reads every corpus case and prints, as one JSON document, what graphql-js
// says about each one (parse result or syntax error, validation errors, execution result). Also checks
// Twins' introspection result (argv[2], a file) with buildClientSchema and prints both printSchema outputs.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import {
  parse, print, validate, execute, subscribe, buildSchema, buildClientSchema, printSchema, getIntrospectionQuery,
  GraphQLError,
} from 'graphql';
import { createSchema, sdl } from './testSchema.mjs';

const schema = createSchema();
const corpusDir = new URL('../Conformance/corpus/', import.meta.url);
const cases = [];
for (const file of readdirSync(corpusDir).filter((f) => f.endsWith('.json')).sort()) {
  for (const item of JSON.parse(readFileSync(new URL(file, corpusDir), 'utf8'))) {
    cases.push({ file, ...item });
  }
}

const errorJson = (e) => ({ message: e.message, locations: e.locations ?? null, path: e.path ?? null });

async function run(item) {
  const out = { name: item.name };
  let document;
  try {
    document = parse(item.query);
    out.printed = print(document);
  } catch (e) {
    out.syntaxError = errorJson(e);
    return out;
  }
  const errors = validate(schema, document);
  out.validation = errors.map(errorJson);
  if (errors.length > 0 || item.skipExecution) return out;
  const args = {
    schema, document, rootValue: {}, contextValue: { counter: 0 },
    variableValues: item.variables ?? undefined, operationName: item.operationName ?? undefined,
  };
  const isSubscription = document.definitions.some(
    (d) => d.kind === 'OperationDefinition' && d.operation === 'subscription' &&
      (item.operationName == null || d.name?.value === item.operationName));
  let result;
  if (isSubscription) {
    const stream = await subscribe(args);
    if (stream[Symbol.asyncIterator]) {
      const first = await stream.next();
      result = first.value;
      await stream.return?.();
    } else {
      result = stream;
    }
  } else {
    result = await execute(args);
  }
  out.result = {
    ...(result.errors ? { errors: result.errors.map(errorJson) } : {}),
    ...('data' in result ? { data: result.data ?? null } : {}),
  };
  return out;
}

const results = [];
for (const item of cases) results.push(await run(item));

const report = { results, printSchema: printSchema(buildSchema(sdl)), introspectionQuery: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true, oneOf: true }) };
if (process.argv[2]) {
  try {
    const ours = JSON.parse(readFileSync(process.argv[2], 'utf8'));
    report.clientSchema = printSchema(buildClientSchema(ours.data));
  } catch (e) {
    report.clientSchemaError = String(e && e.stack || e);
  }
}
const output = JSON.stringify(report);
if (process.argv[3]) writeFileSync(process.argv[3], output); else process.stdout.write(output);
