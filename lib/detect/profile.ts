// The shape of an agent profile: how to read its screen and how to answer it. Profiles are data.

export interface PromptRule {
  /** permission | question | plan | trust | api-key | … */
  kind: string;
  /** Regex (multiline) that must match inside the region for this prompt kind. */
  match: string;
  /**
   * How to say what is asked, tried in order: a regex with named groups, and a format that
   * uses them (`Bash: $<what>`). The first that matches wins.
   */
  detail?: Array<{ match: string; format: string }>;
  /** This dialog's unnumbered option lines, where they differ from the profile's `option` (a theme list). */
  option?: string;
  /**
   * The dialog is answered by Enter alone ("Press Enter to continue"): its one choice is this label,
   * whatever numbered lines it shows (Claude's security notes are a numbered list, not choices).
   */
  enterChoice?: string;
}

export interface Profile {
  name: string;
  /** Only the bottom of the screen matters: at most this many non-empty lines. */
  regionLines: number;
  /** If set, the region starts after the LAST line matching this (e.g. the transcript/dialog boundary). */
  regionStart?: string;
  /** Lines matching these are dropped before matching (persistent footers such as "⏵⏵ bypass permissions on"). */
  ignore: string[];
  /**
   * When this matches the region, no prompt is on screen (for Claude Code: its input box is drawn at
   * the bottom), so prompt text above it is transcript, not a question.
   */
  notWaitingIf?: string;
  /** Checked first: an agent may show a spinner while it waits (Qwen Code). */
  waiting: PromptRule[];
  working: string[];
  idle: string[];
  /** A numbered choice line: group 1 the number, group 2 the label. */
  choice: string;
  /** An unnumbered option line (picked with arrows): group 1 the cursor mark if selected, group 2 the label. */
  option?: string;
  /** A question answered by typing y or n (then Enter), such as `[y/N]`: offered as choices `y. yes`, `n. no`. */
  yesNo?: string;
  /** Choice labels meaning "yes, and don't ask again". */
  alwaysChoice: string;
  /** Choice labels meaning "no". */
  denyChoice: string;
  keys: {
    /** How a choice is picked: typing its number, or moving with arrows then Enter. */
    choose: 'digit' | 'digit-enter';
    /** Keys that dismiss a prompt without approving (tmux key names). */
    deny: string[];
    /** Codex submits only when Enter arrives apart from the text. */
    submitDelayMs?: number;
  };
  /** Programs that mean "idle at a prompt" when they are the pane's foreground command (shells). */
  idleCommands?: string[];
  /** Pane-title patterns, a weaker signal used when the screen says nothing. */
  title?: { idle?: string; working?: string };
}
