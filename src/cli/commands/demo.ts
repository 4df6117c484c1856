/** PLACEHOLDER: `newsint demo` is not implemented yet. */
import type { Command } from 'commander';

export function registerDemo(_program: Command): void {}
