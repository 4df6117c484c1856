/** PLACEHOLDER: `newsint results` is not implemented yet. */
import type { Command } from 'commander';

export function registerResults(_program: Command): void {}
