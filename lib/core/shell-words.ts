// Words for a command line a person copies into a shell (hints, plans): quoted only where a shell
// would split or expand them, so `cpx attach 'it'\''s'` pastes back to the exact name.

export function quoteForShell(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Always in single quotes: for hints whose names may look plain but must read as one word. */
export function quoteAlways(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
