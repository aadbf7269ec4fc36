// Placeholder build: copies the static page to dist/ until the React app lands.
import fs from 'node:fs';
fs.mkdirSync(new URL('./dist/', import.meta.url), { recursive: true });
fs.copyFileSync(
  new URL('./public/index.html', import.meta.url),
  new URL('./dist/index.html', import.meta.url),
);
