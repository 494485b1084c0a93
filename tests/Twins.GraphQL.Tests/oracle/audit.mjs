// Runs graphql-http's GraphQL-over-HTTP conformance audits against a server URL; prints JSON results.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  let result;
  try {
    result = await audit.fn();
  } catch (e) {
    result = { status: 'error', reason: String(e) };
  }
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
process.stdout.write(JSON.stringify(results));
