// graphql-transport-ws peer for Twins' WebSocket tests.
//   node ws.mjs subscribe <url>          graphql-ws client: a subscription, a query and an error over one connection
//   node ws.mjs forbidden <url>          graphql-ws client whose connection_init the server refuses (4403)
//   node ws.mjs close <url> <scenario>   raw socket breaking the protocol; prints the close code and reason
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [mode, url, scenario] = process.argv.slice(2);
const print = (value) => process.stdout.write(JSON.stringify(value) + '\n');

function collect(client, payload) {
  return new Promise((resolve) => {
    const events = [];
    client.subscribe(payload, {
      next: (value) => events.push({ next: value }),
      error: (error) => resolve([...events, { error: Array.isArray(error) ? error : { code: error.code, reason: error.reason, message: error.message } }]),
      complete: () => resolve([...events, { complete: true }]),
    });
  });
}

if (mode === 'subscribe') {
  const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  const counter = await collect(client, { query: 'subscription { counter(to: 3) }' });
  const vehicles = await collect(client, { query: 'subscription ($id: ID) { vehicleUpdated(id: $id) { id name } }', variables: { id: 't1' } });
  const query = await collect(client, { query: '{ vehicle(id: "c1") { name } }' });
  const invalid = await collect(client, { query: '{ nope }' });
  await client.dispose();
  print({ counter, vehicles, query, invalid });
} else if (mode === 'forbidden') {
  const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { deny: true } });
  const result = await collect(client, { query: '{ __typename }' });
  await client.dispose();
  print(result);
} else if (mode === 'close') {
  const protocol = scenario === 'subprotocol' ? 'not-graphql' : scenario === 'no-subprotocol' ? undefined : 'graphql-transport-ws';
  const socket = protocol ? new WebSocket(url, protocol) : new WebSocket(url);
  const send = (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  socket.on('open', () => {
    print({ open: true });
    switch (scenario) {
      case 'invalid': send({ type: 'connection_init' }); send('{ not json'); break;
      case 'unknown-type': send({ type: 'connection_init' }); send({ type: 'hello' }); break;
      case 'unauthorized': send({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }); break;
      case 'duplicate': case 'many-operations':
        send({ type: 'connection_init' });
        break;
      case 'too-many-inits': send({ type: 'connection_init' }); send({ type: 'connection_init' }); break;
      case 'internal': send({ type: 'connection_init', payload: { explode: true } }); break;
      case 'too-large': send({ type: 'connection_init' }); send(JSON.stringify({ type: 'ping', payload: { pad: 'x'.repeat(2 * 1024 * 1024) } })); break;
      case 'init-timeout': case 'subprotocol': case 'no-subprotocol': break;
      default: throw new Error('unknown scenario ' + scenario);
    }
  });
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (scenario === 'many-operations' && message.type === 'connection_ack') {
      for (let i = 0; i < 3; i++) send({ id: 'op' + i, type: 'subscribe', payload: { query: 'subscription { waitForever }' } });
    }
    if (scenario === 'many-operations' && message.type === 'error') {
      print(message);
      socket.close(1000, 'done');
    }
    if (scenario === 'duplicate' && message.type === 'connection_ack') {
      send({ id: 'same', type: 'subscribe', payload: { query: 'subscription { waitForever }' } });
      send({ id: 'same', type: 'subscribe', payload: { query: 'subscription { waitForever }' } });
    }
  });
  socket.on('close', (code, reason) => {
    print({ code, reason: String(reason) });
    process.exit(0);
  });
  socket.on('error', (e) => {
    print({ error: String(e) });
  });
} else {
  throw new Error('unknown mode ' + mode);
}
