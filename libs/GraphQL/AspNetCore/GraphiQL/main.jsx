// GraphiQL entry: the endpoint comes from the page (data-endpoint), so one bundle serves any path.
// Queries and mutations go over HTTP; subscriptions over graphql-transport-ws on the same endpoint.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import 'graphiql/graphiql.css';

const root = document.getElementById('graphiql');
const endpoint = root.dataset.endpoint || '/graphql';
const wsUrl = new URL(endpoint, window.location.href);
wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
let wsClient;
let wsAuthorization;

// Browsers cannot set headers on a WebSocket, so the Headers tab's Authorization travels in
// connection_init's payload (as `authorization`); a changed header opens a new connection.
function authorizationOf(headers) {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'authorization') return value;
  }
  return undefined;
}

function isSubscription(params) {
  const source = params.query ?? '';
  const name = params.operationName;
  const pattern = name ? new RegExp('subscription\\s+' + name + '\\b') : /^\s*subscription\b/m;
  return pattern.test(source.replace(/#[^\n]*/g, ''));
}

async function fetcher(params, options) {
  if (isSubscription(params)) {
    const authorization = authorizationOf(options?.headers);
    if (!wsClient || authorization !== wsAuthorization) {
      wsClient?.dispose();
      wsAuthorization = authorization;
      wsClient = createClient({
        url: wsUrl.toString(),
        lazy: true,
        connectionParams: authorization ? { authorization } : undefined,
      });
    }
    return wsClient.iterate(params);
  }
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
    credentials: 'same-origin',
  });
  return response.json();
}

createRoot(root).render(React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: false }));
