// Bundles GraphiQL with esbuild into dist/graphiql.js and dist/graphiql.css.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

mkdirSync(new URL('./dist/', import.meta.url), { recursive: true });
await build({
  entryPoints: [new URL('./main.jsx', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
  outfile: new URL('./dist/graphiql.js', import.meta.url).pathname,
  logLevel: 'warning',
});
