// Starts `hardhat node` for bin/lib/chain.sh. Arguments starting with -Dlifeline. only tag the
// process so that bin/lifeline can recognise (and stop) exactly the node it started; hardhat must
// not see them. Usage: node run-node.js -Dlifeline.component=chain ... node --hostname H --port P
'use strict';
process.argv = process.argv.filter((a) => !a.startsWith('-Dlifeline.'));
require('hardhat/internal/cli/bootstrap');
