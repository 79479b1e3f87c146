// Kontent.ai's own @kontent-ai/data-ops 2.6.2 restores each data-ops fixture zip into an empty emulator
// environment and backs it up again; the backup must hold what data-ops preserves of the fixture
// (compare.js). data-ops' CLI and its public restoreEnvironment/backupEnvironment only take a host suffix
// and force https, so the test calls the functions they wrap, restoreEnvironmentInternal and
// backupEnvironmentInternal, which take a ManagementClient: one whose base URL is the emulator.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { startEmulator } = require('../conformance/emulator.js');
const { readBackup, assertSamePreserved } = require('./compare.js');

const fixturesDir = process.env.KBULK_FIXTURES_DIR;
if (!fixturesDir) throw new Error('set KBULK_FIXTURES_DIR to tests/fixtures');
const fixtures = fs.readdirSync(path.join(fixturesDir, 'data-ops')).filter((f) => f.endsWith('.zip')).sort();

// data-ops is an ES module whose package exports only its public entry point; its backup and restore
// modules are imported by file (build/src/modules/backupRestore/*.js next to build/src/public.js).
async function dataOpsModule(name) {
  const publicEntry = require.resolve('@kontent-ai/data-ops');
  const file = path.join(path.dirname(publicEntry), 'modules', 'backupRestore', `${name}.js`);
  return import(pathToFileURL(file).href);
}

// The client data-ops' createClient would make (its retry strategy retries 5xx), aimed at the emulator.
function emulatorClient(ready, index) {
  const { ManagementClient } = require('@kontent-ai/management-sdk');
  const { HttpService } = require('@kontent-ai/core-sdk');
  return new ManagementClient({
    environmentId: ready.environments[index].id,
    apiKey: ready.api_key,
    baseUrl: ready.base_url,
    retryStrategy: { maxAttempts: 0 },
    httpService: new HttpService({ logErrorsToConsole: false }),
  });
}

for (const fixture of fixtures) {
  test(`data-ops 2.6.2 restores ${fixture} into the emulator and backs it up with the same content`, async () => {
    const { restoreEnvironmentInternal } = await dataOpsModule('restore');
    const { backupEnvironmentInternal } = await dataOpsModule('backup');
    const emulator = await startEmulator({ seed: 'empty', environments: 1 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbulk-dataops-'));
    try {
      const client = emulatorClient(emulator.ready, 0);
      const environmentId = emulator.ready.environments[0].id;
      const source = path.join(fixturesDir, 'data-ops', fixture);
      const params = { environmentId, apiKey: emulator.ready.api_key, logLevel: 'none' };
      await restoreEnvironmentInternal(client, { ...params, fileName: source });
      const backup = path.join(dir, 'backup.zip');
      await backupEnvironmentInternal(client, { ...params, fileName: backup });
      assert.ok(fs.statSync(backup).size > 0, 'data-ops wrote no backup');
      assertSamePreserved(await readBackup(source), await readBackup(backup));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      assert.equal(await emulator.stop(), 0, 'the emulator did not stop cleanly');
    }
  });
}
