// Deploys the test contracts on a running dev chain for the local run (bin/lib/chain.sh):
// FlowToken, TestRouter (no pause, like today's Mycelix router) and PausableTestRouter, whose
// pauser is a fresh key stored in an encrypted JSON keystore (scrypt, Web3 Secret Storage v3).
// Usage: node deploy.js RPC_URL OUT_DIR   -> OUT_DIR/deployment.json, OUT_DIR/pauser.keystore.json,
//        OUT_DIR/pauser.password (mode 600). Sends transactions from the node's unlocked dev accounts.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { keccak256 } = require('ethereum-cryptography/keccak');
const { getPublicKey } = require('ethereum-cryptography/secp256k1');

const [rpcUrl, outDir] = process.argv.slice(2);
if (!rpcUrl || !outDir) {
  console.error('usage: node deploy.js RPC_URL OUT_DIR');
  process.exit(2);
}
let nextId = 1;
async function rpc(method, params = []) {
  const res = await fetch(rpcUrl, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(method + ': ' + JSON.stringify(body.error));
  return body.result;
}
const artefact = (name) => JSON.parse(fs.readFileSync(path.join(__dirname, 'build', name + '.json'), 'utf8'));
const word = (hex) => hex.replace(/^0x/, '').toLowerCase().padStart(64, '0');
const selector = (sig) => Buffer.from(keccak256(Buffer.from(sig))).subarray(0, 4).toString('hex');

async function send(from, to, data) {
  const hash = await rpc('eth_sendTransaction', [{ from, to, data, gas: '0x4c4b40' }]);
  for (let i = 0; i < 200; i++) {
    const receipt = await rpc('eth_getTransactionReceipt', [hash]);
    if (receipt) {
      if (receipt.status !== '0x1') throw new Error('transaction failed: ' + hash);
      return receipt;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no receipt for ' + hash);
}
async function deploy(from, name, args = '') {
  const receipt = await send(from, null, artefact(name).bytecode + args);
  return receipt.contractAddress;
}

function keystore(privateKey, password) {
  const salt = crypto.randomBytes(32);
  const iv = crypto.randomBytes(16);
  const n = 1 << 14; const r = 8; const p = 1;
  const derived = crypto.scryptSync(Buffer.from(password), salt, 32, { N: n, r, p, maxmem: 64 * 1024 * 1024 });
  const cipher = crypto.createCipheriv('aes-128-ctr', derived.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(privateKey), cipher.final()]);
  const mac = Buffer.from(keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext]))).toString('hex');
  return {
    version: 3, id: crypto.randomUUID(), address: addressOf(privateKey).slice(2),
    crypto: {
      cipher: 'aes-128-ctr', ciphertext: ciphertext.toString('hex'), cipherparams: { iv: iv.toString('hex') },
      kdf: 'scrypt', kdfparams: { dklen: 32, salt: salt.toString('hex'), n, r, p }, mac,
    },
  };
}
function addressOf(privateKey) {
  const pub = getPublicKey(privateKey, false).slice(1);
  return '0x' + Buffer.from(keccak256(pub)).subarray(12).toString('hex');
}

(async () => {
  const chainId = parseInt(await rpc('eth_chainId'), 16);
  const [deployer, , , treasury, listener] = await rpc('eth_accounts');
  const token = await deploy(deployer, 'FlowToken');
  const ctorArgs = word(token) + word(treasury) + word('0xfa'); // fee 250 bps
  const router = await deploy(deployer, 'TestRouter', ctorArgs);
  const pausableRouter = await deploy(deployer, 'PausableTestRouter', ctorArgs);

  fs.mkdirSync(outDir, { recursive: true });
  const passwordFile = path.join(outDir, 'pauser.password');
  const password = crypto.randomBytes(24).toString('base64url');
  const pauserKey = crypto.randomBytes(32);
  const pauser = addressOf(pauserKey);
  await send(deployer, pausableRouter, '0x' + selector('setPauser(address)') + word(pauser));
  // The pauser pays its own gas.
  await rpc('eth_sendTransaction', [{ from: deployer, to: pauser, value: '0xde0b6b3a7640000' }]);
  fs.writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
  fs.writeFileSync(path.join(outDir, 'pauser.keystore.json'), JSON.stringify(keystore(pauserKey, password)) + '\n',
    { mode: 0o600 });
  const deployment = { chainId, rpcUrl, deployer, treasury, listener, token, router, pausableRouter, pauser,
    deployedAt: new Date().toISOString() };
  fs.writeFileSync(path.join(outDir, 'deployment.json'), JSON.stringify(deployment, null, 2) + '\n');
  console.log(JSON.stringify(deployment));
})().catch((e) => { console.error(e.message); process.exit(1); });
