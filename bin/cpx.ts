// Entry point. Claude Code hooks call `cpx hook` on every turn: that path skips loading the CLI.
// bin/cpx moved NODE_EXTRA_CA_CERTS aside so node would not parse the CA file: agents, tmux and hooks
// started from here get it back.
if (process.env.CPX_NODE_EXTRA_CA_CERTS !== undefined) {
  process.env.NODE_EXTRA_CA_CERTS = process.env.CPX_NODE_EXTRA_CA_CERTS;
  delete process.env.CPX_NODE_EXTRA_CA_CERTS;
}
const [command, ...rest] = process.argv.slice(2);
if (command === 'hook') {
  const { runHook } = await import('../lib/commands/hook.js');
  process.exitCode = await runHook(rest);
} else if (command === '__complete') {
  // Agent names when a config file may move the profiles (bin/cpx answers the rest): skips the CLI.
  const { runComplete } = await import('../lib/shell/completion.js');
  process.exitCode = await runComplete(rest);
} else if (command === 'status' && rest.every((arg) => arg === '--plain')) {
  // tmux runs `cpx status` for the status line, as often as every second: also skips the CLI.
  const { runStatus } = await import('../lib/commands/status.js');
  process.exitCode = await runStatus(rest);
} else {
  const { takeInvocation } = await import('../lib/core/invocation.js');
  takeInvocation();
  const { main } = await import('../lib/cli.js');
  await main(process.argv);
}
export {};
