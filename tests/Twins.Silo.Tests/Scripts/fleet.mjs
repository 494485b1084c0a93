// Real GraphQL clients for the fleet API tests.
//   node fleet.mjs subscribe <wsUrl> <token> <query> <variablesJson> <until>
//       graphql-ws client (token in connection_init); prints {"connected":true}, then each result as a JSON
//       line; exits 0 after a result whose JSON contains <until>, 3 on an error or completion.
//   node fleet.mjs schema <httpUrl> <token>
//       graphql-js: runs the introspection query, buildClientSchema + printSchema, prints the SDL.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { buildClientSchema, getIntrospectionQuery, printSchema } from 'graphql';

const [mode, url, token, ...rest] = process.argv.slice(2);
const print = (value) => process.stdout.write(JSON.stringify(value) + '\n');

if (mode === 'subscribe') {
  const [query, variables, until] = rest;
  const client = createClient({
    url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false,
    connectionParams: { authorization: 'Bearer ' + token },
    on: { connected: () => print({ connected: true }), closed: (e) => print({ closed: { code: e.code, reason: e.reason } }) },
  });
  client.subscribe({ query, variables: JSON.parse(variables) }, {
    next: (value) => {
      print({ next: value });
      if (JSON.stringify(value).includes(until)) { client.dispose(); process.exit(0); }
    },
    error: (error) => { print({ error: Array.isArray(error) ? error : { message: String(error?.message ?? error?.reason ?? error) } }); process.exit(3); },
    complete: () => { print({ complete: true }); process.exit(3); },
  });
} else if (mode === 'schema') {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer ' + token },
    body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true, oneOf: true }) }),
  });
  const result = await response.json();
  if (result.errors) { console.error(JSON.stringify(result.errors)); process.exit(3); }
  process.stdout.write(printSchema(buildClientSchema(result.data)));
} else {
  console.error('unknown mode ' + mode);
  process.exit(2);
}
