// The baseline of the `graphql` benchmark: graphql-js served by graphql-http on Node's http module, with the
// same schema and in-memory data as Twins' side. Usage: node graphql-js-server.mjs <tests/node_modules> <port>
import { createRequire } from 'node:module';
import http from 'node:http';

const require = createRequire(process.argv[2].replace(/\/?$/, '/'));
const { buildSchema } = require('graphql');
const { createHandler } = require('graphql-http/lib/use/http');

const schema = buildSchema(`
  type Vehicle { id: ID! name: String }
  type Query { vehicle(id: ID!): Vehicle }
`);
const vehicles = new Map([['x', { id: 'x', name: 'Bench Car' }]]);
const rootValue = { vehicle: ({ id }) => vehicles.get(id) ?? null };
const handler = createHandler({ schema, rootValue });
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/graphql')) handler(req, res);
  else { res.writeHead(404).end(); }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[3]), '127.0.0.1', () => process.stdout.write('listening\n'));
