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

// A credential handed over in the address's fragment (data-authorization-fragment names the parameter,
// e.g. /graphql#token=...) starts GraphiQL ready: it moves to the tab's session storage and leaves the
// address (a fragment is never sent to a server, so it is in no request line or log), and every request
// carries it unless the Headers tab sets its own Authorization.
const storageKey = 'graphiql.authorization ' + endpoint;
function takeAuthorization(parameter) {
  if (!parameter) return undefined;
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const value = fragment.get(parameter);
  if (value) {
    sessionStorage.setItem(storageKey, /\s/.test(value.trim()) ? value.trim() : 'Bearer ' + value.trim());
    fragment.delete(parameter);
    const rest = fragment.toString();
    history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? '#' + rest : ''));
  }
  return sessionStorage.getItem(storageKey) ?? undefined;
}
const defaultAuthorization = takeAuthorization(root.dataset.authorizationFragment);

// Browsers cannot set headers on a WebSocket, so the Headers tab's Authorization travels in
// connection_init's payload (as `authorization`); a changed header opens a new connection.
function authorizationOf(headers) {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'authorization') return value;
  }
  return defaultAuthorization;
}

function withAuthorization(headers) {
  const authorization = authorizationOf(headers);
  const others = Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'authorization'));
  return authorization ? { ...others, authorization } : others;
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
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...withAuthorization(options?.headers) },
    body: JSON.stringify(params),
    credentials: 'same-origin',
  });
  return response.json();
}

const props = { fetcher, defaultEditorToolsVisibility: false };
if (defaultAuthorization) {
  // Shown in the Headers tab, so the user sees which credential the requests carry and can change it.
  props.headers = JSON.stringify({ Authorization: defaultAuthorization }, null, 2);
}
createRoot(root).render(React.createElement(GraphiQL, props));
