/** PLACEHOLDER: `newsint worker` is not implemented yet. */
import type { Command } from 'commander';

export function registerWorker(_program: Command): void {}
