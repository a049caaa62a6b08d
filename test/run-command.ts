import { COMMANDS } from "../src/commands/index.js";
import type { CommandDetails, GlobalOptions, OptionSpecs, OptionValues } from "../src/commands/shared/spec.js";
import type { Context } from "../src/context.js";

/**
 * Runs a command's spec in process, as the program would after parsing: options not given
 * are read as absent (their defaults), so a test names only what it sets.
 */
export function runCommand<O extends OptionSpecs>(
  spec: CommandDetails<O>,
  ctx: Context,
  input: { args?: string[]; options?: Partial<OptionValues<O>>; globals?: GlobalOptions } = {},
): Promise<void> {
  const options = {} as Record<string, unknown>;
  for (const [key, option] of Object.entries(spec.options)) options[key] = option.read(undefined, ctx);
  Object.assign(options, input.options);
  return spec.run(ctx, {
    globals: input.globals ?? {},
    args: input.args ?? [],
    options: options as OptionValues<O>,
    commands: COMMANDS,
  });
}
