/** PLACEHOLDER: `newsint schema` is not implemented yet. */
import type { Command } from 'commander';

export function registerSchema(_program: Command): void {}
