/**
 * Command-line flags for the configuration fields: each field's flag is its environment
 * variable's name without NEWSINT_ (`NEWSINT_HOST_DELAY` -> `--host-delay`); a flag beats
 * the environment. The config module itself knows nothing about the command line.
 */
import { CONFIG_FIELDS, loadConfig, type Config, type ConfigKey, type ConfigOverrides } from '../config.js';
import { exitWithError } from './errors.js';

/** Flags spelled differently from their variable: one `--allow-net` on every command, repeatable. */
const FLAG_OVERRIDES: Partial<Record<ConfigKey, string>> = { allowNets: '--allow-net' };
/** Fields whose flag may be given several times (values are collected into a list). */
const REPEATABLE = new Set<ConfigKey>(['allowNets']);

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** "recrawlWindowMs" -> "--recrawl-window" (the env var's name, minus NEWSINT_). */
export function flagOf(key: ConfigKey): string {
  const special = FLAG_OVERRIDES[key];
  if (special) return special;
  const env = CONFIG_FIELDS[key].env.replace(/^NEWSINT_/, '');
  return '--' + env.toLowerCase().replace(/_/g, '-');
}

/** Commander option attribute for a flag: "--recrawl-window" -> "recrawlWindow". */
function attributeOf(flag: string): string {
  return flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

interface OptionTarget {
  option(flags: string, description: string, parse?: (value: string, previous: string[]) => string[]): unknown;
}

/** Add a flag for each config field (or the given ones) to a command; flags beat env. */
export function addConfigOptions(cmd: OptionTarget, keys: ConfigKey[] = Object.keys(CONFIG_FIELDS) as ConfigKey[]): void {
  for (const key of keys) {
    const field = CONFIG_FIELDS[key];
    const shown = field.default === '' ? '' : `, default "${field.default}"`;
    if (REPEATABLE.has(key)) cmd.option(`${flagOf(key)} <value>`, `${field.help} (repeatable; env ${field.env}${shown})`, collect);
    else cmd.option(`${flagOf(key)} <value>`, `${field.help} (env ${field.env}${shown})`);
  }
}

/** Parsed commander options -> overrides for loadConfig. */
export function overridesFromOptions(opts: Record<string, unknown>): ConfigOverrides {
  const overrides: ConfigOverrides = {};
  for (const key of Object.keys(CONFIG_FIELDS) as ConfigKey[]) {
    const value = opts[attributeOf(flagOf(key))];
    if (typeof value === 'string') overrides[key] = value;
    else if (Array.isArray(value) && value.length > 0) overrides[key] = value.flatMap((v: string) => v.split(','));
  }
  return overrides;
}

/** Config for a CLI command from env and its flags; a bad value exits 2 with one line. */
export function configFromCli(opts: Record<string, unknown>, extra: ConfigOverrides = {}): Config {
  try {
    return loadConfig(process.env, { ...overridesFromOptions(opts), ...extra });
  } catch (err) {
    exitWithError(err);
  }
}
