/**
 * Levelled, timestamped logs (pino): JSON lines for log collectors, or pretty lines for a
 * person at a terminal. `auto` picks pretty only when the log stream (stderr) is a TTY.
 */
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Where lines go: stderr by default (stdout carries data, e.g. `results`). */
  stream?: NodeJS.WritableStream & { fd?: number; isTTY?: boolean };
  /** Fields on every line (e.g. the worker's name). */
  base?: Record<string, unknown>;
}

export function usePretty(format: LogFormat, stream: { isTTY?: boolean }): boolean {
  return format === 'pretty' || (format === 'auto' && stream.isTTY === true);
}

export function createLogger({ level = 'info', format = 'auto', stream = process.stderr, base = {} }: LoggerOptions = {}): Logger {
  const options = {
    level,
    base: { pid: process.pid, ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    // "level":"info" rather than 30: readable in any log viewer without a lookup table.
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if (usePretty(format, stream)) {
    // Synchronous: a line written just before process.exit() is not lost.
    const out = pretty({ colorize: stream.isTTY === true, destination: stream, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
    return pino(options, out);
  }
  const destination = typeof stream.fd === 'number' ? pino.destination({ fd: stream.fd, sync: true }) : stream;
  return pino(options, destination);
}

/** A logger that writes nothing (library callers that did not ask for logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
