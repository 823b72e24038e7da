// The local development chain of Lifeline: `npx hardhat node` with the chain id the platform uses
// locally (31337). Contracts are compiled by compile.js (solc standard-JSON), not by hardhat.
module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      // Every transaction is mined into its own block at once; tests mine more with hardhat_mine. The
      // local run (bin/lib/chain.sh) also mines an empty block every LIFELINE_CHAIN_BLOCK_INTERVAL_MS,
      // like a real chain, so that confirmations accrue while nobody sends transactions.
      mining: {
        auto: true,
        interval: process.env.LIFELINE_CHAIN_BLOCK_INTERVAL_MS ? Number(process.env.LIFELINE_CHAIN_BLOCK_INTERVAL_MS) : 0,
      },
    },
  },
};
