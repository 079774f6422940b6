// Measures what the tab's first page downloads, gzipped: the entry script and every chunk
// the built index.html preloads, plus the Teams SDK chunk that the page imports at start
// when it runs inside Teams. Fails when that exceeds the initial-load budget.
//   node tab/scripts/bundle-size.mjs [budgetKB]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'tab');
const budgetKb = Number(process.argv[2] ?? 180);
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = new Set();
for (const match of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
  const tag = match[0];
  const url = /\s(?:src|href)="([^"]+)"/.exec(tag)?.[1];
  if (url && (tag.startsWith('<script') || /rel="(?:modulepreload|stylesheet)"/.test(tag))) initial.add(url.replace(/^\.?\//, ''));
}
const teamsSdk = readdirSync(path.join(dist, 'assets'))
  .filter((f) => /^teamsSdk-.*\.js$/.test(f))
  .map((f) => `assets/${f}`);

const kb = (bytes) => (bytes / 1024).toFixed(1);
function measure(files) {
  let total = 0;
  for (const file of files) {
    const body = readFileSync(path.join(dist, file));
    const gz = gzipSync(body).length;
    total += gz;
    console.log(`  ${file.padEnd(48)} ${kb(body.length).padStart(7)} KB raw ${kb(gz).padStart(6)} KB gzip`);
  }
  return total;
}

console.log('Initial chunks (index.html):');
const outside = measure([...initial]);
console.log('Loaded at start inside Teams:');
const sdk = measure(teamsSdk);
console.log(`Outside Teams: ${kb(outside)} KB gzip; inside Teams: ${kb(outside + sdk)} KB gzip; budget ${budgetKb} KB`);
if ((outside + sdk) / 1024 > budgetKb) {
  console.error('Over budget: lazy-load more of what the first page does not need.');
  process.exit(1);
}
