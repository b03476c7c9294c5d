#!/usr/bin/env node
// The `lockstep` command for JavaScript users: runs the prebuilt binary of this platform, which
// npm installs as one of this package's optional dependencies. Arguments, standard streams and
// the exit code pass through unchanged.
'use strict';

const { spawnSync } = require('node:child_process');

const PLATFORMS = {
  'linux-x64': '@lockstep/cli-linux-x64',
  'linux-arm64': '@lockstep/cli-linux-arm64',
  'darwin-x64': '@lockstep/cli-darwin-x64',
  'darwin-arm64': '@lockstep/cli-darwin-arm64',
  'win32-x64': '@lockstep/cli-win32-x64',
};

function fail(message) {
  process.stderr.write(`lockstep: ${message}\n`);
  process.exit(2);
}

const platform = `${process.platform}-${process.arch}`;
const pkg = PLATFORMS[platform];
if (!pkg) {
  fail(`no prebuilt binary for ${platform}; build it from source with \`cargo install --path crates/lockstep\``);
}
const exe = process.platform === 'win32' ? 'lockstep.exe' : 'lockstep';
let binary;
try {
  binary = require.resolve(`${pkg}/bin/${exe}`);
} catch {
  fail(`the package ${pkg} is not installed; reinstall lockstep without --no-optional (or --omit=optional)`);
}

const result = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit' });
if (result.error) {
  fail(`cannot run ${binary}: ${result.error.message}`);
}
if (result.signal) {
  // Die of the same signal, so a caller sees what the binary saw.
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 2);
