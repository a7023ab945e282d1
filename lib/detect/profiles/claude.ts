// Claude Code (checked against 2.1.332). Data only: the classifier in ../classify.ts reads it.
import type { Profile } from '../profile.js';

// A full-width rule; with --name, Claude Code writes the name into the right end of the top one.
const RULE = String.raw`─{10,}[^\n]*`;
const END = String.raw`(?![\s\S])`;

export const claude: Profile = {
  name: 'claude',
  regionLines: 45,
  ignore: [],
  // The input box (a rule, then the ❯ line) at the bottom means no dialog is open: any prompt
  // text above it is transcript.
  notWaitingIf: String.raw`^${RULE}\n❯[^\n]*(?:\n[^\n]*){0,10}${END}`,
  // Specific dialogs before the generic permission rule ("Do you want to use this API key?").
  waiting: [
    // First run (a HOME where Claude Code never ran): theme, [API key], [login], security notes, then trust.
    {
      kind: 'theme',
      match: String.raw`^ *Choose the text style that looks best|^ *To change this later, run /theme`,
      detail: [{ match: String.raw`^ *Choose the text style`, format: 'Choose a theme (first run)' }],
      // Unnumbered: `❯ ✔ Auto (match terminal)` (❯ the cursor, ✔ the current theme), `    Dark mode`, …
      option: String.raw`^\s*(❯)?\s*(?:✔\s*)?((?:Auto|Dark mode|Light mode)\b.*)$`,
    },
    {
      kind: 'notes',
      match: String.raw`^ *Security notes:$[\s\S]*^ *Press Enter to continue`,
      detail: [{ match: String.raw`^ *Security notes:`, format: 'Press Enter: security notes (first run)' }],
      enterChoice: 'continue',
    },
    {
      kind: 'login',
      match: String.raw`^ *Select login method:|^ *How do you want to sign in\?|^ *Paste code here if prompted`,
      detail: [
        { match: String.raw`^ *Select login method:`, format: 'Choose a login method' },
        { match: String.raw`^ *How do you want to sign in\?`, format: 'Choose how to sign in (Console account)' },
        { match: String.raw`^ *Paste code here if prompted`, format: 'Sign in: open the URL shown, paste the code' },
      ],
    },
    {
      kind: 'continue',
      // Also after a login: "Login successful. Press Enter to continue…" on one line.
      match: String.raw`Press Enter to continue`,
      detail: [
        { match: String.raw`(?<what>Login successful)\. *Press Enter`, format: 'Press Enter: $<what>' },
        { match: String.raw`(?<what>Press Enter to continue)`, format: '$<what>' },
      ],
      enterChoice: 'continue',
    },
    {
      kind: 'trust',
      match: String.raw`trust this folder|Is this a project you created or one you trust`,
      detail: [{ match: String.raw`Accessing workspace:\s*\n+ *(?<what>\S[^\n]*)`, format: 'Trust folder: $<what>' }],
    },
    {
      kind: 'api-key',
      match: String.raw`Do you want to use this API key\?`,
      detail: [{ match: String.raw`^ *(?<what>[A-Z_]+_KEY):`, format: 'Use API key from $<what>?' }],
    },
    {
      kind: 'plan',
      match: String.raw`Would you like to proceed\?|Ready to code\?|^ *Here is Claude's plan`,
      detail: [
        { match: String.raw`^ *(?<what>Would you like to proceed\?)`, format: 'Plan: $<what>' },
        { match: String.raw`^ *(?<what>Ready to code\?)`, format: 'Plan: $<what>' },
      ],
    },
    {
      kind: 'question',
      match: String.raw`^ *☐ |^ *☒ |Enter to select · ↑/↓ to navigate`,
      detail: [
        { match: String.raw`☐ (?<header>[^\n]+)\n+ *(?<what>[^\n]+\?)`, format: 'Question: $<what>' },
        { match: String.raw`☐ (?<header>[^\n]+)`, format: 'Question: $<header>' },
      ],
    },
    {
      kind: 'permission',
      match: String.raw`^ *Do you want to [^\n]*\?$|^ *❯ *1\. Yes\b`,
      detail: [
        { match: String.raw`^ *(?<tool>Bash) command$[\s\S]*?^╌{4,}\n *(?<what>\S[^\n]*)`, format: '$<tool>: $<what>' },
        { match: String.raw`^ *(?<tool>Edit) file\n *(?<what>\S[^\n]*)`, format: '$<tool>: $<what>' },
        { match: String.raw`^ *Create file\n *(?<what>\S[^\n]*)`, format: 'Write: $<what>' },
        { match: String.raw`^ *Fetch\n[\s\S]*?^ *url: (?<what>\S+)`, format: 'WebFetch: $<what>' },
        { match: String.raw`^ *Fetch\n *(?<what>\S[^\n]*)`, format: 'WebFetch: $<what>' },
        { match: String.raw`^${RULE}\n *(?<tool>\S[^\n]*)\n *(?<what>\S[^\n]*)`, format: '$<tool>: $<what>' },
        { match: String.raw`^ *(?<what>Do you want to [^\n]*\?)$`, format: '$<what>' },
      ],
    },
    {
      kind: 'prompt',
      match: String.raw`Esc to cancel|Enter to confirm|^ *❯ *\d+\. `,
      detail: [{ match: String.raw`^ *(?<what>[^\n]*\?) *$`, format: '$<what>' }],
    },
  ],
  working: [String.raw`esc to interrupt[^\n]*(?:\n[^\n]*)?${END}`, String.raw`^[✻✽✶✳✢·*] [^\n]*…[^\n]*\n(?:[^\n]*\n){0,3}${RULE}\n❯`],
  idle: [String.raw`^${RULE}\n❯`],
  choice: String.raw`^\s*(?:❯\s*)?(\d+)\.\s+(.+)$`,
  option: String.raw`^\s*(❯)?\s*((?:Yes|No)\b.*)$`,
  alwaysChoice: String.raw`don['’]t ask again|always allow|allow all|for this session`,
  denyChoice: String.raw`^No\b`,
  keys: { choose: 'digit', deny: ['Escape'] },
  // No title rule: Claude Code 2.1.332 keeps its title at "✳ <name>" in every state.
};
