// For programs without a profile: only the foreground process and common y/n questions are read.
import type { Profile } from '../profile.js';
import { shell } from './shell.js';

export const generic: Profile = { ...shell, name: 'generic', idleCommands: shell.idleCommands };
