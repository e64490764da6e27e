// Installs the build's npm tooling (SUSHI) exactly as pinned by package-lock.json, with "npm ci",
// unless node_modules already holds that install. Run from the profiles/ directory by Maven.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';

const lock = 'package-lock.json';
const installed = 'node_modules/.package-lock.json'; // written by npm at the end of every install

function upToDate() {
  if (!existsSync(installed) || !existsSync('node_modules/fsh-sushi/package.json')) return false;
  const wanted = JSON.parse(readFileSync(lock, 'utf8')).packages?.['node_modules/fsh-sushi']?.version;
  const have = JSON.parse(readFileSync('node_modules/fsh-sushi/package.json', 'utf8')).version;
  return wanted === have && statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
}

if (upToDate()) {
  console.log('[npm-ci-if-needed] node_modules matches package-lock.json, not reinstalling');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
console.log('[npm-ci-if-needed] running npm ci');
const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--update-notifier=false'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (r.error) {
  console.error(`[npm-ci-if-needed] could not run npm: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
