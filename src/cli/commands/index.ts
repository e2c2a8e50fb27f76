import type { TCommand } from '../command.js';
import { checkConfigCommand } from './check-config-command.js';
import { demoCommand } from './demo-command.js';
import { eraseAuthorCommand } from './erase-author-command.js';
import { manifestCommand } from './manifest-command.js';
import { migrateCommand } from './migrate-command.js';
import { startCommand } from './start-command.js';
import { trainCommand } from './train-command.js';
import { triageCommand } from './triage-command.js';

/** Every `earshot <command>`, in the order `earshot --help` lists them. */
export const COMMANDS: readonly TCommand[] = [startCommand, checkConfigCommand, migrateCommand, manifestCommand, triageCommand, trainCommand, eraseAuthorCommand, demoCommand];
