// How a task pane looks: its labeled border and the options that keep a finished pane on screen.
import { OPTION } from './task.js';
import { escapeDrawn } from '../tmux/format.js';

const STATE_STYLE = [
  '#{?pane_dead,#[fg=colour244]exited #{pane_dead_status},',
  `#{?#{==:#{${OPTION.state}},waiting},#[fg=black#,bg=yellow#,bold] WAITING #{@cpx_detail_label} #[default],`,
  `#{?#{==:#{${OPTION.state}},working},#[fg=green]working,`,
  `#{?#{==:#{${OPTION.state}},idle},#[fg=cyan]idle,`,
  `#{?#{==:#{${OPTION.state}},blocked},#[fg=red]blocked (#{@cpx_detail_label}),`,
  `#{?#{==:#{${OPTION.state}},pending},#[fg=colour244]pending (#{@cpx_detail_label}),`,
  `#[fg=colour244]#{${OPTION.state}}}}}}}}`,
].join('');

// A pane's title is the host name until its program sets one (tmux's default): that one says nothing.
const TITLE_SET = '#{&&:#{!=:#{pane_title},},#{&&:#{!=:#{pane_title},#{host}},#{!=:#{pane_title},#{host_short}}}}';
// The title is the program's text (an agent may take it from the prompt): each '#' doubled, as
// escapeDrawn does, so '#[…]' in it is drawn literally. ('\#' is a literal '#' in a tmux modifier.)
const TITLE = '#{s/\\#/\\#\\#/:pane_title}';

/** Task panes show name, state and the agent's live title; other panes keep their title. */
export const BORDER_FORMAT = `#{?#{${OPTION.name}}, #[bold]#{${OPTION.label}}#[nobold] ${STATE_STYLE}#[default] `
  + `#{?${TITLE_SET},#[fg=colour244]${TITLE}#[default] ,}, #{?${TITLE_SET},${TITLE} ,}}`;

/**
 * Text shown on the border, kept in an option read with #{@cpx_label} (not expanded again, so no
 * '#()' runs) but drawn through tmux's style parser: escapeDrawn keeps '#[…]' literal.
 */
export function borderText(text: string, max = 60): string {
  const flat = text.replace(/[\x00-\x1f\x7f]/g, ' ');
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return escapeDrawn(short);
}

/** Options for a window that holds task panes (set on that window only, never globally). */
export function windowOptionCommands(windowTarget: string): string[][] {
  return [
    ['set-option', '-w', '-t', windowTarget, 'pane-border-status', 'top'],
    ['set-option', '-w', '-t', windowTarget, 'pane-border-format', BORDER_FORMAT],
    ['set-option', '-w', '-t', windowTarget, 'monitor-bell', 'on'],
  ];
}
