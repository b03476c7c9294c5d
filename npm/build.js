#!/usr/bin/env node
// Builds the npm packages from a compiled binary:
//   node npm/build.js --binary target/dist/lockstep --out DIR [--platform linux-x64] [--version V]
// writes DIR/lockstep (the launcher package) and DIR/cli-<platform> (the binary's package). The
// launcher names only the platform packages built here as optional dependencies. `npm pack`
// each folder to get the tarballs to publish or install.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (!key.startsWith('--') || value === undefined) {
      throw new Error(`usage: build.js --binary PATH --out DIR [--platform P] [--version V] (at \`${key}\`)`);
    }
    out[key.slice(2)] = value;
  }
  if (!out.binary || !out.out) {
    throw new Error('usage: build.js --binary PATH --out DIR [--platform P] [--version V]');
  }
  return out;
}

/** The workspace version in Cargo.toml, so the packages carry the binary's version. */
function cargoVersion() {
  const cargo = fs.readFileSync(path.join(__dirname, '..', 'Cargo.toml'), 'utf8');
  const section = cargo.split('[workspace.package]')[1] || '';
  const match = section.match(/^version\s*=\s*"([^"]+)"/m);
  if (!match) {
    throw new Error('no version in [workspace.package] of Cargo.toml');
  }
  return match[1];
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function main() {
  const options = args();
  const platform = options.platform || `${process.platform}-${process.arch}`;
  const [os, cpu] = platform.split('-');
  const version = options.version || cargoVersion();
  const exe = os === 'win32' ? 'lockstep.exe' : 'lockstep';
  const description = 'Keeps a web app\'s UI, API and database in lockstep through one machine-checkable contract';

  const binaryPackage = path.join(options.out, `cli-${platform}`);
  fs.mkdirSync(path.join(binaryPackage, 'bin'), { recursive: true });
  fs.copyFileSync(options.binary, path.join(binaryPackage, 'bin', exe));
  fs.chmodSync(path.join(binaryPackage, 'bin', exe), 0o755);
  writeJson(path.join(binaryPackage, 'package.json'), {
    name: `@lockstep/cli-${platform}`,
    version,
    description: `The lockstep binary for ${platform}`,
    license: 'MIT OR Apache-2.0',
    os: [os],
    cpu: [cpu],
    files: ['bin'],
    preferUnplugged: true,
  });

  const launcher = path.join(options.out, 'lockstep');
  fs.mkdirSync(path.join(launcher, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(__dirname, 'lockstep', 'bin', 'lockstep.js'), path.join(launcher, 'bin', 'lockstep.js'));
  fs.chmodSync(path.join(launcher, 'bin', 'lockstep.js'), 0o755);
  fs.copyFileSync(path.join(__dirname, '..', 'README.md'), path.join(launcher, 'README.md'));
  writeJson(path.join(launcher, 'package.json'), {
    name: 'lockstep',
    version,
    description,
    license: 'MIT OR Apache-2.0',
    bin: { lockstep: 'bin/lockstep.js' },
    files: ['bin', 'README.md'],
    engines: { node: '>=18' },
    optionalDependencies: { [`@lockstep/cli-${platform}`]: version },
  });
  process.stdout.write(`${launcher}\n${binaryPackage}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`build.js: ${error.message}\n`);
  process.exit(2);
}
