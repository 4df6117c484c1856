/** PLACEHOLDER: `newsint status` is not implemented yet. */
import type { Command } from 'commander';

export function registerStatus(_program: Command): void {}
