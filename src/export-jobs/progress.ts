import type { Writable } from "node:stream";

interface ProgressBar {
  update(value: number, payload?: Record<string, string | number>): void;
}

export interface ProgressBars {
  bar(total: number, payload: Record<string, string | number>): ProgressBar;
  stop(): void;
}

const NONE: ProgressBars = { bar: () => ({ update: () => undefined }), stop: () => undefined };

/**
 * Progress bars on stderr (cli-progress, loaded only when shown). Only on a terminal, never in
 * JSON modes or with --quiet: the caller passes `enabled` from the output settings. `format` uses
 * cli-progress tokens ({bar}, {value}, {total}, {percentage}) and payload names.
 */
export async function progressBars(enabled: boolean, stream: Writable, format: string): Promise<ProgressBars> {
  if (!enabled) return NONE;
  const { default: cliProgress } = await import("cli-progress");
  const multi = new cliProgress.MultiBar(
    {
      stream: stream as NodeJS.WritableStream,
      format,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      barsize: 30,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    bar(total, payload) {
      const b = multi.create(total, 0, payload);
      return { update: (value, p) => b.update(value, p ?? {}) };
    },
    stop: () => multi.stop(),
  };
}
