#!/usr/bin/env node

// The compiled CLI lives in dist/ (built by `npm install` through the `prepare` script).
require('../dist/entry/cli.js').main(process.argv.slice(2));
