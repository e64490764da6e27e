// Installs a folder's npm tooling exactly as pinned by its package-lock.json, with "npm ci", unless
// node_modules already holds that install. Run by Maven from the folder with the package.json
// (profiles/ for SUSHI, server/src/test/js for the vendor-client test).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';

const lock = 'package-lock.json';
const installed = 'node_modules/.package-lock.json'; // written by npm at the end of every install

function upToDate() {
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) return false;
  const pinned = JSON.parse(readFileSync(lock, 'utf8')).packages ?? {};
  const direct = Object.keys({ ...pinned['']?.dependencies, ...pinned['']?.devDependencies });
  return direct.every((name) => {
    const manifest = `node_modules/${name}/package.json`;
    return existsSync(manifest)
      && JSON.parse(readFileSync(manifest, 'utf8')).version === pinned[`node_modules/${name}`]?.version;
  });
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
