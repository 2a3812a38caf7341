#!/usr/bin/env node
'use strict';
// The CLI is bundled by `npm run build` (run by `npm ci` through `prepare`).
require('../dist/cli.js')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      // A bug, not a finding: say so, and fail the CI step as bad usage would.
      process.stderr.write(`cap-advisor: internal error: ${error && error.stack ? error.stack : error}\n`);
      process.exitCode = 2;
    },
  );
