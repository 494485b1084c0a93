// GraphiQL entry: the endpoint comes from the page (data-endpoint), so one bundle serves any path.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';

const root = document.getElementById('graphiql');
const endpoint = root.dataset.endpoint || '/graphql';

async function fetcher(params, options) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
    credentials: 'same-origin',
  });
  return response.json();
}

createRoot(root).render(React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: false }));
