import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ConfigError, configFromEnv } from '../src/config.js';

/** The error configFromEnv throws for one setting, checked to be a one-line ConfigError naming it. */
function refusal(env: Record<string, string>, variable: string): string {
  try {
    configFromEnv(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `${variable}: ${error}`);
    assert.equal(error.name, 'ConfigError');
    assert.ok(error.message.startsWith(variable), error.message);
    assert.ok(!error.message.includes('\n'), error.message);
    return error.message;
  }
  assert.fail(`${JSON.stringify(env)} was accepted`);
}

describe('configFromEnv', () => {
  it('keeps its defaults when nothing is set', () => {
    const config = configFromEnv({});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8787);
    assert.equal(config.sqlitePath, './data/voix.sqlite');
    assert.deepEqual(config.origins, []);
    assert.equal(config.ratePerClient, 60);
    assert.equal(config.ratePerSubject, 600);
    assert.equal(config.rateResults, 120);
    assert.equal(config.trustProxy, false);
    assert.equal(config.requestTimeoutMs, 10_000);
    assert.equal(config.publicUrls, undefined);
    assert.equal(config.adminTokenGenerated, true);
  });

  it('reads the petition settings: SMTP with its sender, and the retention of personal data', () => {
    const config = configFromEnv({
      VOIX_SMTP_URL: 'smtps://voix:secret@mail.ma-commune.fr:465',
      VOIX_MAIL_FROM: 'Ville <participation@ma-commune.fr>',
      VOIX_PUBLIC_URL: 'https://avis.ma-commune.fr',
      VOIX_PERSONAL_RETENTION_DAYS: '90',
    });
    assert.equal(config.smtpUrl, 'smtps://voix:secret@mail.ma-commune.fr:465');
    assert.equal(config.mailFrom, 'Ville <participation@ma-commune.fr>');
    assert.equal(config.personalRetentionDays, 90);
    assert.equal(configFromEnv({}).smtpUrl, undefined);
    assert.equal(configFromEnv({}).personalRetentionDays, 365);
    const wrongScheme = refusal({ VOIX_SMTP_URL: 'https://user:hunter2@mail.example' }, 'VOIX_SMTP_URL');
    assert.ok(!wrongScheme.includes('hunter2'), 'the password is never repeated');
    assert.match(refusal({ VOIX_SMTP_URL: 'smtp://mail.example' }, 'VOIX_MAIL_FROM'), /needed with VOIX_SMTP_URL/);
    refusal({ VOIX_SMTP_URL: 'smtp://mail.example', VOIX_MAIL_FROM: 'participation' }, 'VOIX_MAIL_FROM');
    // Without the public address, confirmation links would lead to the address listened on (127.0.0.1).
    assert.match(
      refusal({ VOIX_SMTP_URL: 'smtp://mail.example', VOIX_MAIL_FROM: 'participation@ma-commune.fr' }, 'VOIX_PUBLIC_URL'),
      /VOIX_PUBLIC_URL is needed with VOIX_SMTP_URL/,
    );
    refusal({ VOIX_PERSONAL_RETENTION_DAYS: '0' }, 'VOIX_PERSONAL_RETENTION_DAYS');
  });

  it('reads the pulse anonymity threshold: 5 by default, and never below 3', () => {
    assert.equal(configFromEnv({}).pulseMinAnswers, 5);
    assert.equal(configFromEnv({ VOIX_PULSE_MIN_ANSWERS: '3' }).pulseMinAnswers, 3);
    assert.equal(configFromEnv({ VOIX_PULSE_MIN_ANSWERS: '12' }).pulseMinAnswers, 12);
    for (const value of ['2', '1', '0']) {
      assert.match(
        refusal({ VOIX_PULSE_MIN_ANSWERS: value }, 'VOIX_PULSE_MIN_ANSWERS'),
        /is too low: below 3 answers an agent's pulse answers could be singled out/,
      );
    }
    for (const value of ['-5', 'cinq', '4.5', '1001']) refusal({ VOIX_PULSE_MIN_ANSWERS: value }, 'VOIX_PULSE_MIN_ANSWERS');
  });

  it('refuses an admin token under 20 characters, without repeating it, and generates a long enough one', () => {
    for (const token of ['a', 'secret', 'x'.repeat(19)]) {
      const message = refusal({ VOIX_ADMIN_TOKEN: token }, 'VOIX_ADMIN_TOKEN');
      assert.match(message, /at least 20 characters/, token);
      if (token.length > 1) assert.ok(!message.includes(token), 'the token is never repeated');
    }
    assert.equal(configFromEnv({ VOIX_ADMIN_TOKEN: ` ${'x'.repeat(20)} ` }).adminToken, 'x'.repeat(20));
    for (let run = 0; run < 20; run++) assert.ok(configFromEnv({}).adminToken.length >= 20);
  });

  it('refuses an empty value instead of falling back to a default', () => {
    for (const variable of [
      'VOIX_PULSE_MIN_ANSWERS',
      'VOIX_DB',
      'PORT',
      'HOST',
      'VOIX_RATE_PER_CLIENT',
      'VOIX_RATE_PER_SUBJECT',
      'VOIX_RATE_RESULTS',
      'VOIX_ORIGINS',
      'VOIX_ADMIN_TOKEN',
      'VOIX_SALT',
      'VOIX_TRUST_PROXY',
      'DATABASE_URL',
      'VOIX_PUBLIC_URL',
      'VOIX_REQUEST_TIMEOUT_MS',
      'VOIX_PG_POOL',
      'VOIX_SMTP_URL',
      'VOIX_MAIL_FROM',
      'VOIX_PERSONAL_RETENTION_DAYS',
    ]) {
      assert.match(refusal({ [variable]: '' }, variable), /is empty/, variable);
      assert.match(refusal({ [variable]: '  ' }, variable), /is empty/, variable);
    }
  });

  it('refuses rates that would refuse every answer or switch the limit off', () => {
    for (const variable of ['VOIX_RATE_PER_CLIENT', 'VOIX_RATE_PER_SUBJECT', 'VOIX_RATE_RESULTS']) {
      for (const value of ['0', 'abc', '-5', '1.5', '1e3', 'Infinity']) {
        assert.match(refusal({ [variable]: value }, variable), /whole number/, `${variable}=${value}`);
      }
    }
    assert.equal(configFromEnv({ VOIX_RATE_PER_CLIENT: '5', VOIX_RATE_PER_SUBJECT: '7', VOIX_RATE_RESULTS: '9' }).rateResults, 9);
  });

  it('refuses a port or a timeout out of range', () => {
    for (const value of ['0', '70000', 'http', '-1']) refusal({ PORT: value }, 'PORT');
    for (const value of ['0', '50', 'dix', '3600001']) refusal({ VOIX_REQUEST_TIMEOUT_MS: value }, 'VOIX_REQUEST_TIMEOUT_MS');
    for (const value of ['0', 'many']) refusal({ VOIX_PG_POOL: value }, 'VOIX_PG_POOL');
    assert.equal(configFromEnv({ PORT: '8080', VOIX_REQUEST_TIMEOUT_MS: '500' }).requestTimeoutMs, 500);
  });

  it('normalises origins as browsers send them, and refuses what would never match', () => {
    const config = configFromEnv({ VOIX_ORIGINS: 'https://www.ville.fr/, https://Mairie.Example:443,http://localhost:8080' });
    assert.deepEqual(config.origins, ['https://www.ville.fr', 'https://mairie.example', 'http://localhost:8080']);
    assert.equal(configFromEnv({ VOIX_ORIGINS: '*' }).origins, '*');
    for (const value of [
      'www.ville.fr',
      'https://www.ville.fr https://autre.fr',
      'https://*.ville.fr',
      'https://www.ville.fr/contact',
      'https://www.ville.fr/?a=1',
      'ftp://www.ville.fr',
      '*,https://www.ville.fr',
      ',',
    ]) {
      const message = refusal({ VOIX_ORIGINS: value }, 'VOIX_ORIGINS');
      assert.match(message, /https:\/\/www\.ma-commune\.fr/, value);
    }
  });

  it('takes the collector’s own address from VOIX_PUBLIC_URL, as an origin', () => {
    assert.deepEqual(configFromEnv({ VOIX_PUBLIC_URL: 'https://avis.ville.fr/voix/' }).publicUrls, ['https://avis.ville.fr']);
    for (const value of ['avis.ville.fr', '*', 'https://*.ville.fr']) refusal({ VOIX_PUBLIC_URL: value }, 'VOIX_PUBLIC_URL');
  });

  it('counts proxies instead of trusting whatever X-Forwarded-For a client writes', () => {
    assert.match(refusal({ VOIX_TRUST_PROXY: 'true' }, 'VOIX_TRUST_PROXY'), /VOIX_TRUST_PROXY=1/);
    assert.equal(configFromEnv({ VOIX_TRUST_PROXY: '1' }).trustProxy, 1);
    assert.equal(configFromEnv({ VOIX_TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(configFromEnv({ VOIX_TRUST_PROXY: '0' }).trustProxy, false);
    assert.deepEqual(configFromEnv({ VOIX_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1' }).trustProxy, ['10.0.0.1', '10.1.0.0/16', '::1']);
    for (const value of ['yes', '10.0.0.300', '10.0.0.0/40', '-1', 'proxy.example'])
      refusal({ VOIX_TRUST_PROXY: value }, 'VOIX_TRUST_PROXY');
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, without printing its password', () => {
    for (const value of ['mysql://voix:secret@db/voix', 'voix:secret@db/voix', 'sqlite:./x']) {
      assert.ok(!refusal({ DATABASE_URL: value }, 'DATABASE_URL').includes('secret'), value);
    }
    assert.equal(
      configFromEnv({ DATABASE_URL: 'postgresql://voix:voix@127.0.0.1/voix' }).databaseUrl,
      'postgresql://voix:voix@127.0.0.1/voix',
    );
  });
});

describe('the collector started with a bad setting', () => {
  const repository = fileURLToPath(new URL('../../', import.meta.url));

  /** Runs main.ts as `npm start` would, with only the given settings; ends it after 20 s at most. */
  function start(settings: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'collector/src/main.ts'], {
        cwd: repository,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '18787', ...settings },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const stop = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('close', (code) => {
        clearTimeout(stop);
        resolve({ code, stderr });
      });
    });
  }

  /** Starts it, checks that it stopped by itself, non-zero, with one line and no stack; gives that line. */
  const refusedStart = async (settings: Record<string, string>) => {
    const { code, stderr } = await start(settings);
    assert.notEqual(code, null, 'it kept running');
    assert.notEqual(code, 0);
    assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
    assert.ok(!/\n\s+at /.test(stderr), stderr);
    return stderr;
  };

  it('says which setting is wrong on one line and exits non-zero', async () => {
    const stderr = await refusedStart({ VOIX_RATE_PER_CLIENT: 'abc' });
    assert.match(stderr, /^VOIX_RATE_PER_CLIENT/);
  });

  it('refuses to start with a pulse threshold below 3', async () => {
    const stderr = await refusedStart({ VOIX_PULSE_MIN_ANSWERS: '2' });
    assert.match(stderr, /^VOIX_PULSE_MIN_ANSWERS=2 is too low/);
  });

  it('says on one line that the database cannot be opened, without its password', async () => {
    const stderr = await refusedStart({ DATABASE_URL: 'postgres://voix:s3cret@127.0.0.1:1/nulle' });
    assert.match(stderr, /DATABASE_URL/);
    assert.ok(!stderr.includes('s3cret'), stderr);
  });

  it('says on one line that the SQLite file cannot be opened', async () => {
    const stderr = await refusedStart({ VOIX_DB: '/etc/hostname/voix.sqlite' });
    assert.match(stderr, /VOIX_DB/);
  });
});
