// Starts `kbulk emulator` on a free loopback port for the conformance tests and stops it afterwards.
// The kbulk program comes from the KBULK_BINARY environment variable (CTest passes the built one).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');

async function startEmulator({ seed = 'sample', environments = 1, pageSize = 100 } = {}) {
  const binary = process.env.KBULK_BINARY;
  if (!binary) throw new Error('set KBULK_BINARY to the kbulk program');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbulk-conformance-'));
  const readyFile = path.join(dir, 'ready.json');
  const child = spawn(binary, ['emulator', '--listen', '127.0.0.1:0', '--seed', seed, '--environments',
    String(environments), '--page-size', String(pageSize), '--rate-limit', 'off', '--ready-file', readyFile, '--quiet'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  // If the test process dies first (a crash, a closed pipe), the emulator must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  for (let waited = 0; !fs.existsSync(readyFile); waited += 20) {
    if (child.exitCode !== null) throw new Error(`kbulk emulator exited with ${child.exitCode}: ${stderr}`);
    if (waited > 20000) {
      child.kill('SIGKILL');
      throw new Error(`kbulk emulator wrote no ready file in 20 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const ready = JSON.parse(fs.readFileSync(readyFile, 'utf8'));
  return {
    ready,
    async stop() {
      // Idle keep-alive connections would hold the emulator's shutdown until they time out.
      require('node:http').globalAgent.destroy();
      child.kill('SIGTERM');
      const code = await exited;
      process.off('exit', killOnExit);
      fs.rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

// The sample seed's ids: Uuid::FromName("kbulk-sample", path) from core/uuid.cc (SHA-256 of
// namespace, NUL, name; first 16 bytes with version 5 and the RFC 4122 variant).
function sampleId(p) {
  if (p === 'language/en-US' || p === 'collection/default' || p === 'workflow/default') {
    return '00000000-0000-0000-0000-000000000000';
  }
  const d = crypto.createHash('sha256').update('kbulk-sample').update(Buffer.from([0])).update(p).digest();
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;
  const h = d.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// GET `url` through node:http (its global agent is closed on stop, unlike fetch's pool): {status, body}.
function download(url) {
  return new Promise((resolve, reject) => {
    require('node:http').get(url, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

module.exports = { startEmulator, sampleId, download };

// A ManagementClient for environment `index` of a started emulator.
// Failed requests are expected in some tests, so the SDK does not log them.
function clientFor(ready, index = 0, apiKey = ready.api_key) {
  const { ManagementClient } = require('@kontent-ai/management-sdk');
  const { HttpService } = require('@kontent-ai/core-sdk');
  return new ManagementClient({
    environmentId: ready.environments[index].id,
    apiKey,
    baseUrl: ready.base_url,
    retryStrategy: { maxAttempts: 0 },
    httpService: new HttpService({ logErrorsToConsole: false }),
  });
}

module.exports.clientFor = clientFor;
