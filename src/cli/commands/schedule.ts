/** PLACEHOLDER: `newsint schedule` is not implemented yet. */
import type { Command } from 'commander';

export function registerSchedule(_program: Command): void {}
