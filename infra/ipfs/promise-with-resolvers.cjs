// js-ipfs 0.66.1's dependencies call Promise.withResolvers, which Node 20 lacks (Node 22 has it).
// Loaded before the daemon with NODE_OPTIONS=--require <this file>.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
