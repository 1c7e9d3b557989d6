// Starts and stops the loopback Roundcube + Dovecot sandbox through scripts/roundcube/start.sh and stop.sh.
// The settings come from the same VA_RC_* environment variables as the scripts, with the same defaults.
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type RoundcubeServer = {
  /** Roundcube's address, e.g. http://127.0.0.1:8089/ */
  url: string;
  httpPort: number;
  imapPort: number;
  user: string;
  password: string;
  language: string;
  stateDir: string;
  /** False when a reset was asked for but skipped, because another test process was using the sandbox. */
  wasReset: boolean;
};

type Settings = Omit<RoundcubeServer, 'url' | 'wasReset'>;

export type StartOptions = {
  /** Wipe the mailbox and the Roundcube database first (VA_RC_RESET=1). */
  reset?: boolean;
  /**
   * Roundcube's interface language, e.g. 'nl_NL'. Default VA_RC_LANGUAGE, or en_US. It applies to the next page load
   * without a restart, also for other test processes that share the sandbox at that moment.
   */
  language?: string;
};

const scriptDir = fileURLToPath(new URL('../../../scripts/roundcube/', import.meta.url));
// The first start installs Debian packages (about 40 s on a fast mirror): allow for a slow one.
const startTimeoutMs = 15 * 60_000;
const stopTimeoutMs = 60_000;
// Test files may run in parallel worker processes and share the sandbox. Each start takes a lease (see start.sh):
// a reset is skipped and the servers stay up while another live process holds one.
const heldLeases = new Set<string>();
let leaseCounter = 0;

/** The sandbox's settings as the scripts will see them. */
export function sandboxSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const port = (name: string, fallback: number) => {
    const value = env[name] ? Number(env[name]) : fallback;
    if (!Number.isInteger(value) || value < 1024 || value > 65535) throw new Error(`${name} must be a port number`);
    return value;
  };
  return {
    httpPort: port('VA_RC_HTTP_PORT', 8089),
    imapPort: port('VA_RC_IMAP_PORT', 10144),
    user: env.VA_RC_USER || 'tester',
    password: env.VA_RC_PASSWORD || 'testpass123',
    language: env.VA_RC_LANGUAGE || 'en_US',
    stateDir: env.VA_RC_DIR || join(env.TMPDIR || tmpdir(), 'veilig-aanmelden-roundcube'),
  };
}

/**
 * Installs (when needed) and starts the sandbox; resolves once IMAP and the login page answer. A reset is skipped
 * (wasReset false) while another test process uses the sandbox: tests should find their own messages by subject.
 */
export async function startRoundcube(options: StartOptions = {}): Promise<RoundcubeServer> {
  const settings = sandboxSettings({ ...process.env, ...(options.language ? { VA_RC_LANGUAGE: options.language } : {}) });
  const lease = `node-${process.pid}-${Date.now().toString(36)}-${++leaseCounter}`;
  const output = await runScript(
    'start.sh',
    {
      ...scriptEnvironment(settings),
      VA_RC_RESET: options.reset ? '1' : (process.env.VA_RC_RESET ?? '0'),
      VA_RC_LEASE: lease,
      VA_RC_LEASE_PID: String(process.pid),
    },
    startTimeoutMs,
  );
  heldLeases.add(lease);
  // The script ends with KEY=value lines: check that it used the settings we expect.
  const reported = new Map(
    output.stdout.split('\n').flatMap((line) => {
      const match = /^(VA_RC_[A-Z_]+)=(.*)$/u.exec(line);
      return match ? [[match[1]!, match[2]!] as const] : [];
    }),
  );
  const url = `http://127.0.0.1:${settings.httpPort}/`;
  if (reported.get('VA_RC_URL') !== url || reported.get('VA_RC_IMAP') !== `127.0.0.1:${settings.imapPort}`) {
    throw new Error(`scripts/roundcube/start.sh reported other settings than expected:\n${output.stdout}`);
  }
  return { url, ...settings, wasReset: reported.get('VA_RC_RESET_DONE') === '1' };
}

/**
 * Releases the leases startRoundcube took here and stops the servers when no other test process holds one. Without
 * a lease taken in this module, it stops the servers in any case (like running scripts/roundcube/stop.sh).
 */
export async function stopRoundcube(): Promise<void> {
  const env = scriptEnvironment(sandboxSettings());
  if (heldLeases.size === 0) {
    await runScript('stop.sh', env, stopTimeoutMs);
    return;
  }
  for (const lease of [...heldLeases]) {
    await runScript('stop.sh', { ...env, VA_RC_LEASE: lease }, stopTimeoutMs);
    heldLeases.delete(lease);
  }
}

function scriptEnvironment(settings: Settings): NodeJS.ProcessEnv {
  return {
    ...process.env,
    VA_RC_DIR: settings.stateDir,
    VA_RC_HTTP_PORT: String(settings.httpPort),
    VA_RC_IMAP_PORT: String(settings.imapPort),
    VA_RC_USER: settings.user,
    VA_RC_PASSWORD: settings.password,
    VA_RC_LANGUAGE: settings.language,
  };
}

function runScript(name: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [join(scriptDir, name)],
      { env, timeout: timeoutMs, killSignal: 'SIGTERM', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        const how = error.killed ? `timed out after ${timeoutMs / 1000} s` : `exit code ${String(error.code)}`;
        reject(new Error(`scripts/roundcube/${name} failed (${how})\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
      },
    );
  });
}
