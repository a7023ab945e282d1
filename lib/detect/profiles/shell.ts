// A plain interactive shell: idle at its prompt, working while a command runs.
import type { Profile } from '../profile.js';

export const shell: Profile = {
  name: 'shell',
  regionLines: 1,
  ignore: [],
  waiting: [
    { kind: 'question', match: String.raw`(\[[yY]/[nN]\]|\[[nN]/[yY]\]|\(yes/no(/\[fingerprint\])?\))\??:? *$`, detail: [{ match: String.raw`^(?<what>.+)$`, format: '$<what>' }] },
    { kind: 'password', match: String.raw`[Pp]ass(word|phrase)[^\n]*: *$`, detail: [{ match: String.raw`^(?<what>.+)$`, format: '$<what>' }] },
  ],
  working: [],
  idle: [],
  choice: String.raw`^\s*(\d+)\)\s+(.+)$`,
  yesNo: String.raw`\[[yY]/[nN]\]|\[[nN]/[yY]\]|\(yes/no`,
  alwaysChoice: '^$',
  denyChoice: '^no?$',
  keys: { choose: 'digit-enter', deny: ['C-c'] },
  idleCommands: ['bash', 'zsh', 'fish', 'sh', 'dash', 'ksh', 'mksh', 'tcsh', 'csh', 'nu', 'pwsh', 'xonsh', 'elvish'],
};
