import { readFileSync } from "node:fs";

/**
 * How `npm start` runs the bot in production: package.json's "start" script, `node`, its flags,
 * then the script. Benches start bots in processes of their own with it: a bot started otherwise
 * would be another program (the flags tune its garbage collector), and the bots it is compared with
 * get the same Node flags.
 */
function startScript(root: string): { flags: string[]; script: string } {
  const start = (JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { scripts: { start: string } }).scripts
    .start;
  const [program, ...rest] = start.split(" ");
  const script = rest.pop();
  if (program !== "node" || !script)
    throw new Error(`package.json's start script should be "node [flags] script": ${start}`);
  return { flags: rest, script };
}

/** The bot's command line, as `npm start` runs it. */
export function botCommand(root: string): string[] {
  const { flags, script } = startScript(root);
  return [process.execPath, ...flags, script];
}

/** Another script (a bot it is compared with) run with the bot's Node flags. */
export function withBotFlags(root: string, script: string, ...args: string[]): string[] {
  return [process.execPath, ...startScript(root).flags, script, ...args];
}
