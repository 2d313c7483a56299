// Jest globalSetup: says once per run, not once per file, that the browser tests are skipped.
const { existsSync } = require('node:fs');

module.exports = async () => {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    process.stderr.write(`browser tests skipped: no Chromium at ${chromium} (apt-get install chromium)\n`);
  }
};
