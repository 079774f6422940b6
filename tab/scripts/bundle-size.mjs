// Measures what the tab's first page downloads: the entry script and every chunk the
// built index.html preloads, gzipped. Fails when it exceeds the initial-load budget.
//   node tab/scripts/bundle-size.mjs [budgetKB]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'tab');
const budgetKb = Number(process.argv[2] ?? 180);
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const urls = new Set();
for (const match of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*\shref)="([^"]+)"/g)) urls.add(match[1]);
for (const match of html.matchAll(/<link[^>]*\shref="([^"]+)"[^>]*rel="(?:modulepreload|stylesheet)"/g)) urls.add(match[1]);

let total = 0;
let totalDefault = 0;
for (const url of urls) {
  const body = readFileSync(path.join(dist, url.replace(/^\.?\//, '')));
  const best = gzipSync(body, { level: 9 }).length;
  const normal = gzipSync(body).length;
  total += best;
  totalDefault += normal;
  console.log(`${url.padEnd(48)} ${(body.length / 1024).toFixed(1).padStart(7)} KB raw ${(normal / 1024).toFixed(1).padStart(6)} KB gzip`);
}
console.log(`initial load: ${(totalDefault / 1024).toFixed(1)} KB gzip (level 6), ${(total / 1024).toFixed(1)} KB (level 9); budget ${budgetKb} KB`);
if (totalDefault / 1024 > budgetKb) {
  console.error('Over budget: lazy-load more of what the first page does not need.');
  process.exit(1);
}
