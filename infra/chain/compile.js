// Compiles contracts/*.sol with solc (npm, standard-JSON, evmVersion paris: what hardhat 2's
// default hardfork and Gnosis Chain both run) into build/<Contract>.json = {contractName, abi,
// bytecode}. Tests and deploy.js load those files. Skips work when build/ is newer than every source.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const SRC = path.join(__dirname, 'contracts');
const OUT = path.join(__dirname, 'build');

function newestSource() {
  return Math.max(...fs.readdirSync(SRC).filter((f) => f.endsWith('.sol'))
    .map((f) => fs.statSync(path.join(SRC, f)).mtimeMs), fs.statSync(__filename).mtimeMs);
}

function upToDate() {
  const stamp = path.join(OUT, '.stamp');
  return fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newestSource();
}

if (process.argv.includes('--if-needed') && upToDate()) {
  process.exit(0);
}

const sources = {};
for (const file of fs.readdirSync(SRC).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(SRC, file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'paris',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input), {
  import: (p) => (fs.existsSync(path.join(SRC, p)) ? { contents: fs.readFileSync(path.join(SRC, p), 'utf8') }
    : { error: 'not found: ' + p }),
}));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
(output.errors || []).filter((e) => e.severity !== 'error').forEach((e) => console.error(e.formattedMessage));
if (errors.length > 0) {
  errors.forEach((e) => console.error(e.formattedMessage));
  process.exit(1);
}
fs.mkdirSync(OUT, { recursive: true });
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, c] of Object.entries(contracts)) {
    if (!c.evm.bytecode.object) continue; // interfaces
    fs.writeFileSync(path.join(OUT, name + '.json'), JSON.stringify({
      contractName: name, sourceName: file, solcVersion: solc.version(), abi: c.abi,
      bytecode: '0x' + c.evm.bytecode.object,
    }, null, 2) + '\n');
    console.log('compiled ' + name);
  }
}
fs.writeFileSync(path.join(OUT, '.stamp'), new Date().toISOString() + '\n');
