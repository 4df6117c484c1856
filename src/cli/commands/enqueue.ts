/** PLACEHOLDER: `newsint enqueue` is not implemented yet. */
import type { Command } from 'commander';

export function registerEnqueue(_program: Command): void {}
